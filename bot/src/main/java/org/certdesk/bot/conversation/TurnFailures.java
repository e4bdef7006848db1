package org.certdesk.bot.conversation;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.certdesk.bot.actions.ActionCall;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.system.CertdeskProperties;
import org.certdesk.dialogs.engine.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens when a turn breaks on something unexpected: one ERROR log line with an incident id
 * (the conversation, script version and state, never the user's text), the inbox row retried, and
 * after {@code max-attempts} set aside with a short apology to the user naming the incident id, so
 * the helpdesk can find the log line.
 */
@Component
class TurnFailures {
    private static final Logger log = LoggerFactory.getLogger(TurnFailures.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final InboxStore inbox;
    private final ConversationStore conversations;
    private final TurnCommitter committer;
    private final TransactionTemplate transaction;
    private final int maxAttempts;
    private final Clock clock;

    TurnFailures(InboxStore inbox, ConversationStore conversations, TurnCommitter committer,
            PlatformTransactionManager transactions, CertdeskProperties properties, Clock clock) {
        this.inbox = inbox;
        this.conversations = conversations;
        this.committer = committer;
        this.transaction = new TransactionTemplate(transactions);
        this.maxAttempts = properties.turns().maxAttempts();
        this.clock = clock;
    }

    void turnFailed(InboxRow row, RuntimeException error) {
        String incident = incident();
        ConversationKey key = row.inbound().address().key();
        Optional<Conversation> conversation = conversations.find(key);
        log.error("turn failed, incident {}: conversation {}, activity {}, {}, attempt {} of {}", incident, key,
                row.inbound().activityId(), where(conversation), row.attempts() + 1, maxAttempts, error);
        transaction.executeWithoutResult(status -> {
            int attempts = inbox.failed(row.id(), error.toString(), maxAttempts);
            if (attempts >= maxAttempts && conversation.isPresent() && conversation.get().state() != null) {
                committer.append(key, List.of(apology(conversation.get().state().locale(), incident)), clock.instant());
            }
        });
    }

    void actionResultFailed(ActionCall call, RuntimeException error) {
        log.error("action result not accepted, incident {}: conversation {}, action {} request {};"
                + " answering its failure outcome", incident(), call.conversation(), call.request().name(),
                call.request().requestId(), error);
    }

    /** In the caller's transaction: the conversation cannot go on by itself; tell the user. */
    void stuck(ConversationKey key, String locale, RuntimeException error) {
        String incident = incident();
        log.error("conversation {} is stuck, incident {}", key, incident, error);
        committer.append(key, List.of(apology(locale, incident)), clock.instant());
    }

    void actionAbandoned(ActionCall call, int attempts) {
        log.warn("conversation {}: action {} request {} started {} times without a result; answering its"
                + " failure outcome", call.conversation(), call.request().name(), call.request().requestId(), attempts);
    }

    /** The bot's own words, not the script's: the script may be what broke. */
    static Outbound apology(String locale, String incident) {
        String text = "fr".equals(locale)
                ? "Désolé, une erreur de mon côté m’empêche de continuer (incident " + incident + "). Écrivez"
                        + " « recommencer » pour reprendre, ou « parler à quelqu’un »."
                : "Sorry, something went wrong on my side (incident " + incident + "). Type “restart” to start"
                        + " again, or “talk to a person”.";
        return new Outbound.Say(new Message.Text(text), "fr".equals(locale) ? "fr" : "en");
    }

    private static String where(Optional<Conversation> conversation) {
        if (conversation.isEmpty() || conversation.get().state() == null) {
            return "new conversation";
        }
        var state = conversation.get().state();
        return state.scriptId() + "@" + state.scriptVersion() + " state " + state.stateId();
    }

    private static String incident() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
