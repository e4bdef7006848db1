package org.certdesk.bot.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.certdesk.bot.conversation.TurnSubmitter;
import org.certdesk.bot.testing.BotTest;
import org.certdesk.bot.testing.LoopbackPki;
import org.certdesk.bot.testing.TestAccounts;
import org.certdesk.bot.testing.TestChat;
import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Closed cases past {@code certdesk.helpdesk.retention} (365 days by default) disappear with what was
 * said in them; recent closed cases and active cases, however old, stay.
 */
@BotTest
class HelpdeskRetentionTests {
    @Autowired
    TurnSubmitter submitter;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    HelpdeskRetention retention;

    @Test
    void aCaseClosedLongAgoIsDeletedWithItsLinesRecentAndActiveCasesStay() {
        AgentApi alice = new AgentApi(mvc, TestAccounts.AGENT);
        TestChat oldEmployee = escalated();
        TestChat recentEmployee = escalated();
        TestChat waitingEmployee = escalated();
        long old = chattedAndResolved(alice, oldEmployee);
        long recent = chattedAndResolved(alice, recentEmployee);
        long waiting = alice.queuedCaseOf(waitingEmployee.conversationId()).path("id").asLong();
        Instant longAgo = Instant.now().minus(Duration.ofDays(400));
        jdbc.sql("UPDATE handoffs SET closed_at = :at WHERE id = :id").param("at", CaseStore.utc(longAgo))
                .param("id", old).update();
        jdbc.sql("UPDATE handoffs SET created_at = :at WHERE id = :id").param("at", CaseStore.utc(longAgo))
                .param("id", waiting).update();
        long linesBefore = lines("case_id IS NULL");

        assertThat(retention.sweep()).isEqualTo(1);

        assertThat(alice.call("GET", "/api/agent/cases/" + old, null).getStatus())
                .as("the agent no longer finds it").isEqualTo(404);
        assertThat(lines("case_id = " + old)).as("what was said in it").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM case_message_refs WHERE case_id = ?").param(old).query(Long.class)
                .single()).as("the ids of its messages").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM case_message_refs WHERE case_id = ?").param(recent).query(Long.class)
                .single()).as("a recent case's message ids").isOne();
        assertThat(alice.get(recent).path("transcript").findValuesAsString("text"))
                .as("closed recently: kept, with its lines").contains("Closing soon.");
        assertThat(alice.get(waiting).path("status").asString()).as("still waiting for an agent").isEqualTo("open");
        assertThat(lines("case_id IS NULL")).as("the bot's own lines are not the case's").isEqualTo(linesBefore);
        assertThat(retention.sweep()).as("nothing left to delete").isZero();
    }

    /**
     * certdesk.helpdesk.transcript-retention (30 days by default): what was said in a conversation
     * that never became a case goes after it; what led to a case stays with the case.
     */
    @Test
    void linesOfAConversationThatNeverBecameACaseAreDeletedAfterTheTranscriptRetention() {
        LoopbackPki.get().oneMissing();
        TestChat quiet = new TestChat(submitter);
        quiet.send(new UserInput.Start("en"));
        quiet.untilChoices();
        TestChat employee = escalated();
        Instant longAgo = Instant.now().minus(Duration.ofDays(31));
        for (TestChat chat : new TestChat[] {quiet, employee}) {
            jdbc.sql("UPDATE transcript_lines SET created_at = :at WHERE conversation_ref IN"
                            + " (SELECT id FROM conversations WHERE conversation_id = :id)")
                    .param("at", CaseStore.utc(longAgo)).param("id", chat.conversationId()).update();
        }
        long escalatedLines = linesOf(employee);
        assertThat(linesOf(quiet)).isPositive();
        assertThat(escalatedLines).isPositive();

        assertThat(retention.sweepTranscripts()).isPositive();

        assertThat(linesOf(quiet)).as("never a case").isZero();
        assertThat(linesOf(employee)).as("the case's context")
                .isEqualTo(escalatedLines);
    }

    private TestChat escalated() {
        LoopbackPki.get().twoMissing();
        TestChat employee = new TestChat(submitter);
        employee.send(new UserInput.Start("en"));
        employee.untilChoices();
        employee.send(new UserInput.Choice("android_11_plus"));
        employee.untilText("case number");
        return employee;
    }

    private static long chattedAndResolved(AgentApi agent, TestChat employee) {
        long id = agent.queuedCaseOf(employee.conversationId()).path("id").asLong();
        assertThat(agent.take(id).getStatus()).isEqualTo(200);
        assertThat(agent.say(id, "Closing soon.", "closing-" + id).getStatus()).isEqualTo(202);
        employee.untilText("Closing soon.");
        assertThat(agent.resolve(id).getStatus()).isEqualTo(200);
        return id;
    }

    private long linesOf(TestChat chat) {
        return jdbc.sql("SELECT COUNT(*) FROM transcript_lines WHERE conversation_ref IN (SELECT id FROM conversations"
                + " WHERE conversation_id = :id)").param("id", chat.conversationId()).query(Long.class).single();
    }

    private long lines(String where) {
        return jdbc.sql("SELECT COUNT(*) FROM transcript_lines WHERE " + where).query(Long.class).single();
    }
}
