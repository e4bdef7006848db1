package org.certdesk.bot.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.certdesk.bot.conversation.TurnSubmitter;
import org.certdesk.bot.testing.LoopbackPki;
import org.certdesk.bot.testing.TestChat;
import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The helpdesk's stores and races, run on H2 ({@link HelpdeskRacesOnH2Tests}) and on a real
 * PostgreSQL ({@link HelpdeskRacesOnPostgresTests}): the SQL (IN lists, FOR UPDATE, LIMIT, ON
 * CONFLICT) and the row locks must behave the same on both.
 */
abstract class HelpdeskRaces {
    private static final Agent ALICE = new Agent("alice", "Alice");
    private static final Agent BOB = new Agent("bob", "Bob");

    @Autowired
    TurnSubmitter submitter;
    @Autowired
    CaseStore cases;
    @Autowired
    AgentDesk desk;
    @Autowired
    Transcript transcript;
    @Autowired
    CaseReport report;

    @Test
    void twoAgentsTakingTheSameCaseOneWinsAndTheOtherIsTold() throws Exception {
        TestChat employee = escalated("en");
        long id = queued(employee).id();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<HelpdeskCase>> takes = new ArrayList<>();
            for (Agent agent : List.of(ALICE, BOB)) {
                takes.add(pool.submit(() -> {
                    start.await();
                    return desk.take(id, agent);
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<HelpdeskCase> take : takes) {
                try {
                    outcomes.add("took:" + take.get().takenBy());
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(CaseProblem.class);
                    assertThat(((CaseProblem) e.getCause()).status().value()).isEqualTo(409);
                    outcomes.add("told");
                }
            }
            assertThat(outcomes).contains("told").hasSize(2).filteredOn(o -> o.startsWith("took:")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(TestChat.texts(employee.untilText("is handling"))).as("the employee is told once")
                .filteredOn(t -> t.contains("is handling")).hasSize(1);
    }

    @Test
    void everyMissingCertificateIsReportedAndAMessageSentTwiceIsRecordedOnce() {
        TestChat employee = escalated("en");
        HelpdeskCase c = queued(employee);
        assertThat(report.missing(c)).extracting(CaseReport.Certificate::name)
                .containsExactlyInAnyOrder("Contoso Issuing CA 1", "Contoso Issuing CA 2");
        desk.take(c.id(), ALICE);
        desk.say(c.id(), ALICE, "Open Settings.", "ref-1");
        desk.say(c.id(), ALICE, "Open Settings.", "ref-1");
        assertThat(transcript.lines(c.conversation())).extracting(Transcript.Line::text).containsOnlyOnce("Open Settings.");
        assertThat(cases.list(EnumSet.of(HelpdeskCase.Status.TAKEN, HelpdeskCase.Status.RESOLVED)))
                .extracting(HelpdeskCase::id).contains(c.id());
    }

    @Test
    void theEmployeeCancellingWhileTheAgentWritesNeitherFailsNorHangs() {
        for (int round = 0; round < 3; round++) {
            TestChat employee = escalated("fr");
            long id = queued(employee).id();
            desk.take(id, ALICE);
            employee.untilText("s’occupe de votre demande");
            int n = round;
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                CompletableFuture<Void> agent = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 15; i++) {
                        try {
                            desk.say(id, ALICE, "message " + i, "r" + n + "-" + i);
                        } catch (CaseProblem closed) {
                            return; // the employee cancelled first: the agent is told (409)
                        }
                    }
                });
                for (int i = 0; i < 5; i++) {
                    employee.send(new UserInput.Text("toujours là ? " + i));
                }
                employee.send(new UserInput.Text("annuler"));
                agent.get();
            }, "an agent's message and the employee's cancellation at the same moment");
            assertThat(TestChat.texts(employee.untilText("j’ai annulé la demande n° " + id)))
                    .as("the employee is told, in French").isNotEmpty();
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    cases.find(id).orElseThrow().status() == HelpdeskCase.Status.CANCELLED);
        }
    }

    @Test
    void anEscalatingActivityDeliveredTwiceOpensOneCase() {
        LoopbackPki.get().twoMissing();
        TestChat employee = new TestChat(submitter);
        employee.send(new UserInput.Start("en"));
        employee.untilChoices();
        employee.send("activity-escalating", new UserInput.Choice("android_11_plus"));
        employee.send("activity-escalating", new UserInput.Choice("android_11_plus"));
        employee.untilText("case number");
        queued(employee);
        employee.send(new UserInput.Text("hello?")); // a later turn: the redelivery was handled before it
        await().atMost(Duration.ofSeconds(20)).until(() -> transcript.lines(queued(employee).conversation()).stream()
                .anyMatch(l -> l.text().equals("hello?")));
        assertThat(cases.list(EnumSet.allOf(HelpdeskCase.Status.class)))
                .filteredOn(c -> c.conversation().conversationId().equals(employee.conversationId()))
                .hasSize(1);
    }

    private TestChat escalated(String language) {
        LoopbackPki.get().twoMissing();
        TestChat employee = new TestChat(submitter);
        employee.send(new UserInput.Start(language));
        employee.untilChoices();
        employee.send(new UserInput.Choice("android_11_plus"));
        return employee;
    }

    private HelpdeskCase queued(TestChat employee) {
        HelpdeskCase[] found = new HelpdeskCase[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            found[0] = cases.list(EnumSet.of(HelpdeskCase.Status.OPEN, HelpdeskCase.Status.TAKEN)).stream()
                    .filter(c -> c.conversation().conversationId().equals(employee.conversationId()))
                    .findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }
}
