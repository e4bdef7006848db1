package org.certdesk.bot.helpdesk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.certdesk.bot.conversation.ConversationStore;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.system.CertdeskProperties;
import org.certdesk.dialogs.engine.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Announces a new case in the helpdesk's Teams channel or chat ({@code certdesk.helpdesk.teams-conversation}):
 * an Adaptive Card with the case and a "Take case" button that opens it in the console (where the agent
 * is signed in). The card goes through the outbox like any reply, in the escalating turn's
 * transaction: it is sent once the case exists, retried when the Bot Connector is busy, never twice.
 * The helpdesk's conversation is a row of {@code conversations} of its own (no dialog state).
 */
@Component
public class HelpdeskNotices {
    private static final Logger log = LoggerFactory.getLogger(HelpdeskNotices.class);
    private static final String TEAMS = "msteams";

    private final HelpdeskProperties settings;
    private final String consoleUrl;
    private final ConversationStore conversations;
    private final EmployeeReplies outbox;
    private final CaseReport report;
    private final ObjectProvider<CaseFacts> moreFacts;

    HelpdeskNotices(HelpdeskProperties settings, CertdeskProperties properties, ConversationStore conversations,
            EmployeeReplies outbox, CaseReport report, ObjectProvider<CaseFacts> moreFacts) {
        this.settings = settings;
        String base = properties.publicBaseUrl().toString();
        this.consoleUrl = (base.endsWith("/") ? base : base + "/") + "agent/";
        this.conversations = conversations;
        this.outbox = outbox;
        this.report = report;
        this.moreFacts = moreFacts;
        if (settings.announcesInTeams()) {
            log.info("helpdesk: new cases are announced in Teams conversation {}", settings.teamsConversation());
        } else {
            log.info("helpdesk: certdesk.helpdesk.teams-conversation is not set, new cases only appear in the"
                    + " agent console");
        }
    }

    /** In the escalating turn's transaction. */
    void caseOpened(HelpdeskCase helpdeskCase, Instant now) {
        if (settings.announcesInTeams()) {
            post(notice(helpdeskCase), now);
        }
    }

    /** Whether announcements go to a Teams conversation ({@code certdesk.helpdesk.teams-conversation}). */
    public boolean announcesInTeams() {
        return settings.announcesInTeams();
    }

    /** The helpdesk's language ({@code certdesk.helpdesk.locale}). */
    public String locale() {
        return settings.locale();
    }

    /**
     * Posts a card to the helpdesk's Teams conversation through the outbox, in the current
     * transaction: it leaves once that commits, is retried, and is sent once. Nothing without
     * {@code certdesk.helpdesk.teams-conversation}.
     */
    public void post(Outbound.Notice notice, Instant now) {
        if (!settings.announcesInTeams()) {
            return;
        }
        ConversationKey helpdesk = new ConversationKey(TEAMS, settings.teamsConversation());
        conversations.storeHelpdeskConversation(helpdesk, settings.teamsServiceUrl().toString(), now);
        outbox.send(helpdesk, List.of(notice), now);
    }

    Outbound.Notice notice(HelpdeskCase c) {
        String locale = settings.locale();
        List<Message.Fact> facts = new ArrayList<>();
        HelpdeskCase.Employee employee = c.employee();
        String unknown = HelpdeskTexts.UNKNOWN.in(locale);
        facts.add(new Message.Fact(HelpdeskTexts.NOTICE_EMPLOYEE.in(locale),
                employee.name() != null ? employee.name() : employee.teamsId() != null ? employee.teamsId() : unknown));
        facts.add(new Message.Fact(HelpdeskTexts.NOTICE_CHANNEL.in(locale), employee.channel()));
        facts.add(new Message.Fact(HelpdeskTexts.NOTICE_ANDROID.in(locale),
                c.androidVersion() != null ? c.androidVersion() : unknown));
        List<CaseReport.Certificate> missing = report.missing(c);
        if (!missing.isEmpty()) {
            facts.add(new Message.Fact(HelpdeskTexts.NOTICE_MISSING.in(locale), missing.stream()
                    .map(m -> m.sha256() == null ? m.name() : m.name() + " (SHA-256 " + m.sha256() + ")")
                    .collect(Collectors.joining("; "))));
        }
        moreFacts.orderedStream().forEach(more -> facts.addAll(more.of(c.conversation(), locale)));
        return new Outbound.Notice(HelpdeskTexts.NOTICE_TITLE.format(locale, c.id(),
                HelpdeskTexts.reason(c.reason(), locale)), facts, HelpdeskTexts.NOTICE_TAKE.in(locale),
                consoleUrl + "#case-" + c.id(), locale);
    }
}
