package org.certdesk.bot.channel.teams;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import org.certdesk.bot.conversation.Inbound;
import org.certdesk.bot.conversation.TurnSubmitter;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.dialogs.engine.UserInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Bot Framework messaging endpoint. Authenticates the caller, reads the activity, hands what the
 * user did to the {@link TurnSubmitter} and answers at once (replies travel through the outbox):
 * {@code message} (text or card submit), {@code conversationUpdate} adding the bot and
 * {@code installationUpdate} {@code add} (the welcome, once per conversation), {@code invoke}
 * {@code adaptiveCard/action} (with an invoke response); everything else is acknowledged and ignored.
 */
@RestController
class TeamsController {
    /** The channel of every conversation reached through {@code /api/messages}: replies go through the Bot Connector. */
    static final String CHANNEL = "msteams";
    /** The activity id of the welcome: stable, so the core records one welcome per conversation. */
    static final String WELCOME_ID = "welcome";
    private static final Logger log = LoggerFactory.getLogger(TeamsController.class);

    private final InboundAuthenticator authenticator;
    private final TurnSubmitter turns;
    private final Clock clock;
    private final long maxBodyBytes;

    TeamsController(InboundAuthenticator authenticator, TurnSubmitter turns, TeamsProperties properties,
            ObjectProvider<Clock> clock) {
        this.authenticator = authenticator;
        this.turns = turns;
        this.clock = clock.getIfUnique(Clock::systemUTC);
        this.maxBodyBytes = properties.maxActivitySize().toBytes();
    }

    private static boolean forwarded(HttpServletRequest request) {
        return request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null;
    }

    @PostMapping("/api/messages")
    ResponseEntity<?> receive(HttpServletRequest request) throws AuthFailure, BadActivity, IOException {
        InboundAuthenticator.VerifiedToken token = null;
        if (authenticator.enabled()) {
            token = authenticator.verifyToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        } else if (!isLoopback(request.getRemoteAddr()) || forwarded(request)) {
            // Behind a reverse proxy on the same host every caller looks local: a forwarded request is
            // someone else's, and with auth off it could make the bot post to any serviceUrl.
            throw new AuthFailure("authentication is off (no app id): only local callers are accepted");
        }
        byte[] body = body(request);
        Activity activity = ActivityReader.read(body);
        if (token != null) {
            authenticator.verifyActivity(token, activity.serviceUrl(), activity.channelId());
        }
        String activityId = activity.id() != null ? activity.id() : CardActions.contentId(body);
        switch (activity.type()) {
            case "message":
                submit(activity, activityId, CardActions.messageInput(activity));
                return ResponseEntity.ok().build();
            case "conversationUpdate":
                if (activity.addsBot()) {
                    if ("channel".equals(activity.conversationType())) {
                        // What the admin needs to route helpdesk notifications to this team (docs/helpdesk.md).
                        log.info("helpdesk: this team's conversation id is {} (set certdesk.helpdesk.teams-conversation"
                                + " to it)", teamConversation(activity.conversationId()));
                    }
                    submit(activity, WELCOME_ID, new UserInput.Start(activity.locale()));
                }
                return ResponseEntity.ok().build();
            case "installationUpdate":
                if ("add".equals(activity.action())) {
                    submit(activity, WELCOME_ID, new UserInput.Start(activity.locale()));
                }
                return ResponseEntity.ok().build();
            case "invoke":
                return invoke(activity, activityId);
            default:
                return ResponseEntity.ok().build();
        }
    }

    private ResponseEntity<?> invoke(Activity activity, String activityId) throws BadActivity {
        if (!CardActions.UNIVERSAL_ACTION.equals(activity.name())) {
            return ResponseEntity.status(HttpStatus.NOT_IMPLEMENTED).build();
        }
        String choice = CardActions.universalActionChoice(activity.value());
        String body;
        if (choice == null) {
            body = CardActions.invokeError(400, "BadRequest", CardText.NO_CHOICE.in(activity.locale()));
        } else {
            submit(activity, activityId, new UserInput.Choice(choice));
            body = CardActions.invokeMessage(CardText.RECEIVED.in(activity.locale()));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private void submit(Activity activity, String activityId, UserInput input) throws BadActivity {
        Activity.Account bot = activity.recipient();
        Activity.Account user = activity.from();
        // In a group chat or channel thread, each person has a dialog of their own (PersonalDialogs).
        String dialogId = PersonalDialogs.dialogId(activity.conversationId(), activity.conversationType(), user.id());
        ChannelAddress address = new ChannelAddress(CHANNEL, dialogId, activity.serviceUrl(),
                bot.id(), bot.name(), user.id(), user.name(), user.aadObjectId(), activity.tenantId(),
                activity.conversationType());
        Inbound inbound = new Inbound(activityId, address, input, activity.locale(), clock.instant());
        TurnSubmitter.Submission submission;
        try {
            submission = turns.submit(inbound);
        } catch (IllegalArgumentException e) {
            throw new BadActivity(e.getMessage()); // an id longer than the store keeps: 400, nothing stored
        }
        if (submission == TurnSubmitter.Submission.DUPLICATE) {
            log.debug("Duplicate activity {} in {}: ignored", activityId, address.key());
        }
    }

    private byte[] body(HttpServletRequest request) throws IOException, BadActivity {
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw new TooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (body.length > maxBodyBytes) {
                throw new TooLarge();
            }
            return body;
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The body exceeds {@code certdesk.bot.max-activity-size}. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("activity too large", null, false, false);
        }
    }

    @ExceptionHandler(AuthFailure.class)
    ResponseEntity<ProblemDetail> unauthorized(AuthFailure failure, HttpServletRequest request) {
        log.warn("Rejected {} from {}: {}", request.getRequestURI(), request.getRemoteAddr(), failure.getMessage());
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .body(problem(HttpStatus.UNAUTHORIZED, failure.getMessage()));
    }

    @ExceptionHandler(BadActivity.class)
    ResponseEntity<ProblemDetail> badRequest(BadActivity bad) {
        log.info("Refused an activity: {}", bad.getMessage());
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, bad.getMessage()));
    }

    @ExceptionHandler(TooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(TooLarge tooLarge) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(problem(HttpStatus.CONTENT_TOO_LARGE, "the activity exceeds " + maxBodyBytes + " bytes"));
    }

    @ExceptionHandler(SigningKeys.KeysUnavailable.class)
    ResponseEntity<ProblemDetail> keysUnavailable(SigningKeys.KeysUnavailable e) {
        log.error("Cannot verify /api/messages tokens: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "signing keys unavailable, try again later"));
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }

    /** A channel conversation id without the {@code ;messageid=...} of the thread it came from. */
    static String teamConversation(String conversationId) {
        int thread = conversationId.indexOf(";messageid=");
        return thread < 0 ? conversationId : conversationId.substring(0, thread);
    }
}
