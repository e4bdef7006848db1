package org.certdesk.bot.channel.teams;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.certdesk.bot.conversation.Inbound;
import org.certdesk.bot.conversation.TurnSubmitter;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.bot.shared.DurableWrites;
import org.certdesk.bot.system.BodyTooLargeException;
import org.certdesk.bot.system.ProblemResponses;
import org.certdesk.dialogs.engine.UserInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Bot Framework messaging endpoint, {@code POST /api/messages}. Authenticates the caller, reads
 * the activity, hands what the user did to the {@link TurnSubmitter} and answers at once (replies
 * travel through the outbox): {@code message} (text or card submit), {@code conversationUpdate}
 * adding the bot and {@code installationUpdate} {@code add} (the welcome, once per conversation),
 * {@code invoke} {@code adaptiveCard/action} (with an invoke response); everything else is
 * acknowledged and ignored.
 *
 * <p>A servlet filter of its own ({@link MessagingEndpointRegistration}), answering without going on
 * to Spring Security and Spring MVC: every turn of every Teams conversation comes through here, and
 * the framework had nothing to add (the security chain lets this path through unchecked, the token is
 * checked here) but cost a share of each turn's CPU and heap (see docs/performance.md). The checks
 * every request gets (content type, undecodable query, body size) run before it, as for any path.
 *
 * <p>The 200 waits until the activity is on disk. When that needs the store's next group write, the
 * request is put on hold (servlet async) and the writer answers it: the request's thread goes back to
 * Tomcat instead of waiting, so a few threads serve many conversations (docs/performance.md).
 */
final class MessagingEndpoint implements Filter {
    /** The path Teams posts activities to. */
    static final String PATH = "/api/messages";
    /** The channel of every conversation reached through {@code /api/messages}: replies go through the Bot Connector. */
    static final String CHANNEL = "msteams";
    /** The activity id of the welcome: stable, so the core records one welcome per conversation. */
    static final String WELCOME_ID = "welcome";
    private static final Logger log = LoggerFactory.getLogger(MessagingEndpoint.class);

    private final InboundAuthenticator authenticator;
    private final TurnSubmitter turns;
    private final Clock clock;
    private final JsonMapper json;
    private final Refusals refusals;
    private final long maxBodyBytes;

    MessagingEndpoint(InboundAuthenticator authenticator, TurnSubmitter turns, TeamsProperties properties, Clock clock,
            JsonMapper json, MeterRegistry meters) {
        this.authenticator = authenticator;
        this.turns = turns;
        this.clock = clock;
        this.json = json;
        this.refusals = new Refusals(meters);
        this.maxBodyBytes = properties.maxActivitySize().toBytes();
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (!"POST".equals(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, "POST");
            refuse(request, response, HttpStatus.METHOD_NOT_ALLOWED, "Method '" + request.getMethod() + "' is not supported.");
            return;
        }
        try {
            receive(request, response);
        } catch (AuthFailure failure) {
            log.warn("Rejected {} from {}: {}", request.getRequestURI(), request.getRemoteAddr(), failure.getMessage());
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            refuse(request, response, HttpStatus.UNAUTHORIZED, failure.getMessage());
        } catch (BadActivity bad) {
            log.info("Refused an activity: {}", bad.getMessage());
            refuse(request, response, HttpStatus.BAD_REQUEST, bad.getMessage());
        } catch (TooLarge tooLarge) {
            refuseUnread(request, response, "the activity exceeds " + maxBodyBytes + " bytes");
        } catch (BodyTooLargeException tooLarge) { // a body without a length, past the service's limit
            refuseUnread(request, response, tooLarge.detail());
        } catch (SigningKeys.KeysUnavailable e) {
            log.error("Cannot verify /api/messages tokens: {}", e.getMessage());
            refuse(request, response, HttpStatus.SERVICE_UNAVAILABLE, "signing keys unavailable, try again later");
        } catch (RuntimeException e) {
            refusals.count(HttpStatus.INTERNAL_SERVER_ERROR); // answered by the container's error page
            throw e;
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        refusals.count(status);
        ProblemResponses.write(request, response, json, status, detail);
    }

    /** A 413 with the rest of the body left unread, on a connection closed after it. */
    private void refuseUnread(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        refusals.count(HttpStatus.CONTENT_TOO_LARGE);
        ProblemResponses.refuseUnread(request, response, json, HttpStatus.CONTENT_TOO_LARGE, detail);
    }

    private static boolean forwarded(HttpServletRequest request) {
        return request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null;
    }

    private void receive(HttpServletRequest request, HttpServletResponse response)
            throws AuthFailure, BadActivity, IOException {
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
            case "message" -> submit(activity, activityId, CardActions.messageInput(activity), request);
            case "conversationUpdate" -> {
                if (activity.addsBot()) {
                    if ("channel".equals(activity.conversationType())) {
                        // What the admin needs to route helpdesk notifications to this team (docs/helpdesk.md).
                        log.info("helpdesk: this team's conversation id is {} (set certdesk.helpdesk.teams-conversation"
                                + " to it)", teamConversation(activity.conversationId()));
                    }
                    submit(activity, WELCOME_ID, new UserInput.Start(activity.locale()), request);
                }
            }
            case "installationUpdate" -> {
                if ("add".equals(activity.action())) {
                    submit(activity, WELCOME_ID, new UserInput.Start(activity.locale()), request);
                }
            }
            case "invoke" -> invoke(activity, activityId, response);
            default -> {
                // acknowledged and ignored
            }
        }
    }

    private void invoke(Activity activity, String activityId, HttpServletResponse response)
            throws BadActivity, IOException {
        if (!CardActions.UNIVERSAL_ACTION.equals(activity.name())) {
            response.setStatus(HttpStatus.NOT_IMPLEMENTED.value());
            return;
        }
        String choice = CardActions.universalActionChoice(activity.value());
        String body;
        if (choice == null) {
            body = CardActions.invokeError(400, "BadRequest", CardText.NO_CHOICE.in(activity.locale()));
        } else {
            submit(activity, activityId, new UserInput.Choice(choice), null); // its answer has a body: not held
            body = CardActions.invokeMessage(CardText.RECEIVED.in(activity.locale()));
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** @param held the request, to hold its answer until the activity is on disk; null to wait on this thread */
    private void submit(Activity activity, String activityId, UserInput input, HttpServletRequest held)
            throws BadActivity {
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
            submission = held == null ? turns.submit(inbound) : turns.submit(inbound, () -> hold(held));
        } catch (IllegalArgumentException e) {
            throw new BadActivity(e.getMessage()); // an id longer than the store keeps: 400, nothing stored
        }
        if (submission == TurnSubmitter.Submission.DUPLICATE) {
            log.debug("Duplicate activity {} in {}: ignored", activityId, address.key());
        }
    }

    /**
     * Puts the request on hold: the 200 goes out when the returned answer runs (once the activity is on
     * disk), or a 500 if the store has not written it within {@link DurableWrites#LIMIT}, as a thread
     * waiting for the write would have answered.
     */
    private Runnable hold(HttpServletRequest request) {
        AsyncContext held = request.startAsync();
        held.setTimeout(DurableWrites.LIMIT.toMillis());
        AtomicBoolean answered = new AtomicBoolean();
        held.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) throws IOException {
                if (answered.compareAndSet(false, true)) {
                    log.error("an activity was not written to the store within {}: answered 500", DurableWrites.LIMIT);
                    refuse(request, (HttpServletResponse) held.getResponse(), HttpStatus.INTERNAL_SERVER_ERROR,
                            "the activity could not be stored in time, send it again");
                    held.complete();
                }
            }

            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onError(AsyncEvent event) {
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        return () -> {
            if (answered.compareAndSet(false, true)) {
                held.complete();
            }
        };
    }

    private byte[] body(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw new TooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            if (declared >= 0) {
                // The container ends the stream at the declared length: an activity (a few KB) is read
                // into one array of its size, where reading up to the limit took a buffer of 8 KB and
                // a copy each time.
                return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, declared));
            }
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

    /** A channel conversation id without the {@code ;messageid=...} of the thread it came from. */
    static String teamConversation(String conversationId) {
        int thread = conversationId.indexOf(";messageid=");
        return thread < 0 ? conversationId : conversationId.substring(0, thread);
    }

    /**
     * {@code certdesk.teams.refused}, by status: the requests this endpoint answered with an error
     * (a token refused, an activity unreadable or too large, the signing keys out of reach, a turn that
     * failed). Its requests are not observed as {@code http.server.requests} ({@link ActivitiesUnobserved}),
     * so this is where an operator sees Teams' traffic failing.
     */
    private static final class Refusals {
        private final Map<HttpStatus, Counter> byStatus = new EnumMap<>(HttpStatus.class);

        Refusals(MeterRegistry meters) {
            for (HttpStatus status : new HttpStatus[] {HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED,
                    HttpStatus.METHOD_NOT_ALLOWED, HttpStatus.CONTENT_TOO_LARGE, HttpStatus.INTERNAL_SERVER_ERROR,
                    HttpStatus.SERVICE_UNAVAILABLE}) {
                byStatus.put(status, Counter.builder("certdesk.teams.refused")
                        .description("Requests to /api/messages answered with an error, by status")
                        .tag("status", Integer.toString(status.value())).register(meters));
            }
        }

        void count(HttpStatus status) {
            byStatus.get(status).increment();
        }
    }
}
