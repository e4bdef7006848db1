package org.certdesk.bot.channel.webchat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.certdesk.bot.conversation.Inbound;
import org.certdesk.bot.conversation.TurnSubmitter;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.dialogs.engine.UserInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the Direct Line endpoint does, apart from HTTP: opens conversations, sends the welcome once,
 * logs and submits the user's messages, and pages through the log. The user's echo is logged in the
 * transaction that submits the turn, so the bot's replies (appended by the outbox once the turn has
 * run) always come after it, and neither is kept without the other.
 */
@Component
class DirectLineConversations {
    /** The activity id of the welcome turn: the same for every start of a conversation, so it runs once. */
    static final String WELCOME_ACTIVITY_ID = "welcome";
    private static final Logger LOG = LoggerFactory.getLogger(DirectLineConversations.class);

    /** Activities after a watermark, and the watermark to poll with next. */
    record Page(List<String> activities, long watermark) {}

    private final ActivityLog log;
    private final DirectLineTokens tokens;
    private final TurnSubmitter turns;
    private final Clock clock;
    private final int pageSize;
    private final SecureRandom random = new SecureRandom();

    DirectLineConversations(ActivityLog log, DirectLineTokens tokens, TurnSubmitter turns, Clock clock,
            WebChatProperties properties) {
        this.log = log;
        this.tokens = tokens;
        this.turns = turns;
        this.clock = clock;
        this.pageSize = properties.maxActivitiesPerPoll();
    }

    /**
     * A new conversation and a token for it.
     *
     * @param locale the welcome's language, or null
     * @param user   who signed in to open it, or null: it then speaks as that user, whatever the browser says
     */
    DirectLineTokens.Issued open(String locale, SignedInUser user) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        log.create(id, locale, user);
        return tokens.issue(id);
    }

    /**
     * Starts the conversation: the first call submits the welcome, later ones change nothing.
     *
     * @param locale the language Web Chat asked for, or null to keep the one given at {@link #open}
     * @return whether this call started it
     */
    boolean start(String conversationId, String locale, String userId) {
        ActivityLog.Conversation conversation = require(conversationId);
        String language = locale != null ? locale : conversation.locale();
        SignedInUser user = conversation.user();
        try {
            // The mark and the welcome in one transaction: a crash between them would leave a
            // conversation started for good, without a welcome.
            turns.submitWith(() -> {
                if (!log.markStarted(conversationId)) {
                    throw AlreadyStarted.INSTANCE;
                }
                return new Inbound(WELCOME_ACTIVITY_ID, user != null ? address(conversationId, user.id(), user.name())
                        : address(conversationId, userId, null),
                        new UserInput.Start(language), language, clock.instant());
            });
        } catch (AlreadyStarted e) {
            return false;
        } catch (RuntimeException e) {
            throw unavailable(conversationId, e);
        }
        return true;
    }

    /** Another call started the conversation: nothing to submit, nothing written. */
    private static final class AlreadyStarted extends RuntimeException {
        static final AlreadyStarted INSTANCE = new AlreadyStarted();

        private AlreadyStarted() {
            super("already started", null, false, false);
        }
    }

    /**
     * Logs the echo of {@code posted} and submits its turn in one transaction, so that a crash can
     * never keep the echo (the employee sees the message sent) without the turn (no answer ever
     * comes); returns the activity id.
     */
    String post(String conversationId, PostedActivity claimed) {
        PostedActivity posted = claimed.from(require(conversationId).user());
        Instant now = clock.instant();
        String[] activityId = new String[1];
        try {
            turns.submitWith(() -> {
                long seq = log.append(conversationId, null, s -> posted.echo(conversationId, s, now).toString())
                        .orElseThrow(() -> notFound(conversationId));
                activityId[0] = Envelope.activityId(conversationId, seq);
                return new Inbound(activityId[0], address(conversationId, posted.userId(), posted.userName()),
                        posted.input(), posted.locale(), now);
            });
        } catch (DirectLineException e) {
            throw e;
        } catch (RuntimeException e) {
            // Rolled back with the turn: the message is not in the log and the client hears it failed.
            throw unavailable(conversationId, e);
        }
        return activityId[0];
    }

    Page read(String conversationId, long watermark) {
        require(conversationId);
        List<ActivityLog.Stored> stored = log.after(conversationId, watermark, pageSize);
        long next = stored.isEmpty() ? watermark : stored.get(stored.size() - 1).seq();
        return new Page(stored.stream().map(ActivityLog.Stored::json).toList(), next);
    }

    ActivityLog.Conversation require(String conversationId) {
        return log.find(conversationId).orElseThrow(() -> notFound(conversationId));
    }

    private static ChannelAddress address(String conversationId, String userId, String userName) {
        return new ChannelAddress(Envelope.CHANNEL, conversationId, null, Envelope.BOT_ID, Envelope.BOT_NAME,
                userId, userName, null, null, null);
    }

    private static DirectLineException notFound(String conversationId) {
        return DirectLineException.notFound(conversationId);
    }

    private static DirectLineException unavailable(String conversationId, RuntimeException e) {
        LOG.error("web chat conversation {}: could not submit a turn", conversationId, e);
        return DirectLineException.notRecorded();
    }
}
