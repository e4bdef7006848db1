package org.certdesk.bot.channel.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.certdesk.bot.conversation.Inbound;
import org.certdesk.bot.conversation.TurnProgress;
import org.certdesk.bot.conversation.TurnSubmitter;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.system.CertdeskProperties;
import org.certdesk.dialogs.engine.UserInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Teams outgoing webhook, for tenants that cannot register an Azure bot: Teams posts each
 * message that mentions the webhook in a team channel and shows the HTTP answer as the reply, if it
 * comes within 5 seconds. So, unlike {@code /api/messages}, the answer waits: the endpoint hands the
 * message to the same conversation pipeline, and answers the turn's replies as one message once
 * they are in the mailbox ({@link Answers}). The wait is asynchronous (a servlet async request): the
 * container's thread goes back to its pool as soon as the turn is submitted, so mentions waiting for
 * their turns do not hold the threads other requests need. A check of the certificates that takes
 * longer is announced, and its result given on the next mention.
 *
 * <p>A conversation is one user in one channel thread. A mention with no text (how users come back
 * for a result) only collects what waits, or, when nothing does, asks the engine where the
 * conversation stands.
 */
@RestController
class WebhookController {
    static final String CHANNEL = "webhook";
    static final String PATH = "/api/teams-webhook";
    /** How replies name the webhook when the message did not say what it is called. */
    static final String DEFAULT_NAME = "certdesk";
    /**
     * A bare mention on a quiet conversation. An option id no state has: the engine takes it for a
     * button of an older message and answers where the conversation stands (the question again, the
     * "still checking" or "ended" text) without counting a misunderstanding, which an empty text would.
     */
    static final UserInput WHERE_ARE_WE = new UserInput.Choice("webhook.where-are-we");
    private static final int MAX_NAME = 128;
    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final TurnSubmitter turns;
    private final Answers answers;
    private final Mailbox mailbox;
    private final TurnProgress progress;
    private final byte[] key;
    private final long replyTimeoutNanos;
    private final long maxBody;
    private final Clock clock;

    WebhookController(TurnSubmitter turns, Answers answers, Mailbox mailbox, TurnProgress progress,
            WebhookProperties properties, CertdeskProperties certdesk, Clock clock) {
        this.turns = turns;
        this.answers = answers;
        this.mailbox = mailbox;
        this.progress = progress;
        this.key = properties.key();
        this.replyTimeoutNanos = properties.replyTimeout().toNanos();
        this.maxBody = certdesk.limits().maxRequestBody().toBytes();
        this.clock = clock;
        if (key == null) {
            log.info("Teams outgoing webhook: no certdesk.webhook.secret, {} refuses every call", PATH);
        }
    }

    /**
     * @return a refusal at once (a {@link ResponseEntity}), or the answer later (a
     *     {@link CompletableFuture} of one: Spring MVC answers it from the thread that completes it)
     */
    @PostMapping(PATH)
    Object receive(HttpServletRequest request) throws IOException {
        long deadline = System.nanoTime() + replyTimeoutNanos;
        byte[] body = body(request);
        if (body == null) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than the limit of " + maxBody
                    + " bytes.");
        }
        // The signature is over the exact bytes received: checked before anything reads them as JSON.
        HmacSignature.Failure failure = HmacSignature.check(key, body, request.getHeader(HttpHeaders.AUTHORIZATION));
        if (failure != null) {
            log.warn("Rejected {} from {}: {}", PATH, request.getRemoteAddr(), failure.reason);
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "HMAC")
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                            "Missing or invalid HMAC signature."));
        }
        WebhookActivity activity;
        try {
            activity = WebhookActivity.read(body);
        } catch (WebhookActivity.Unreadable e) {
            return problem(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        if (!"message".equals(activity.type())) {
            return ResponseEntity.ok().build(); // Teams sends only messages to a webhook; nothing to say otherwise
        }
        WebhookText typed = WebhookText.of(activity.text(), activity.webhookMention());
        ChannelAddress address = address(activity, typed);
        ConversationKey conversation = address.key();
        UserInput input = input(typed, conversation);
        if (input != null) {
            String activityId = activity.id() != null ? activity.id() : contentId(body);
            try {
                turns.submit(new Inbound(activityId, address, input, activity.locale(), clock.instant()));
            } catch (IllegalArgumentException e) {
                return problem(HttpStatus.BAD_REQUEST, e.getMessage());
            }
        }
        return answers.collect(conversation, activity.locale(), deadline).thenApply(text -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("type", "message");
            answer.put("text", text);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
        });
    }

    /** What to hand the engine; null when the mention only comes for replies that wait or are on their way. */
    private UserInput input(WebhookText typed, ConversationKey conversation) {
        if (!typed.text().isEmpty()) {
            return new UserInput.Text(typed.text());
        }
        if (mailbox.hasWaiting(conversation.conversationId()) || !progress.of(conversation).done()) {
            return null;
        }
        return WHERE_ARE_WE;
    }

    private static ChannelAddress address(WebhookActivity activity, WebhookText typed) {
        String name = typed.webhookName() != null ? typed.webhookName()
                : activity.recipientName() != null ? activity.recipientName() : DEFAULT_NAME;
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
        }
        // The thread and the user: everyone in a thread talks to the webhook, each about their own phone.
        return new ChannelAddress(CHANNEL, activity.conversationId() + "|" + activity.userId(), null,
                activity.recipientId(), name, activity.fromId(), activity.userName(), activity.aadObjectId(),
                activity.tenantId(), "channel");
    }

    /** The body, or null when it is larger than the limit (the app's filter usually refused it already). */
    private byte[] body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBody) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
            return body.length > maxBody ? null : body;
        }
    }

    /** An activity id for a message that has none: the body's hash, so a repeated delivery is still recognised. */
    private static String contentId(byte[] body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
