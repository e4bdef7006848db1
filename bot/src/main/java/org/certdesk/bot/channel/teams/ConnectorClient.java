package org.certdesk.bot.channel.teams;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.certdesk.bot.outbox.Delivery;
import org.certdesk.bot.outbox.DeliveryResult;
import org.certdesk.bot.shared.DurableWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends activities to a conversation through the Bot Connector REST API
 * ({@code POST {serviceUrl}/v3/conversations/{id}/activities}) and says how it went: 2xx sent;
 * 429, 408, 412 and 5xx retried (after {@code Retry-After} when given); a 401 fetches a new token
 * and tries once more; other 4xx rejected. Network failures are retried; a POST the connector did
 * not answer within {@code certdesk.bot.reply-timeout} is retried only one more reply timeout later
 * (the connector may still post it meanwhile). While a POST is in flight, the outbox renews its
 * claim, so no other instance sends the reply however long the connector takes.
 */
@Component
class ConnectorClient {
    private static final Logger log = LoggerFactory.getLogger(ConnectorClient.class);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final int MAX_REASON = 200;

    private final TeamsHttp http;
    private final ConnectorTokens tokens;
    private final Clock clock;

    @Autowired
    ConnectorClient(TeamsHttp http, ConnectorTokens tokens, ObjectProvider<Clock> clock) {
        this(http, tokens, clock.getIfUnique(Clock::systemUTC));
    }

    ConnectorClient(TeamsHttp http, ConnectorTokens tokens, Clock clock) {
        this.http = http;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * Posts {@code activityJson} to the conversation once {@code written} opens. Never throws for what
     * the remote end does.
     *
     * @param serviceUrl the Bot Connector base URL stored from an authenticated inbound activity
     */
    DeliveryResult send(String serviceUrl, String conversationId, String activityJson, DurableWrites.Signal written) {
        URI uri;
        try {
            uri = activitiesUri(serviceUrl, conversationId);
        } catch (IllegalArgumentException e) {
            return DeliveryResult.rejected("bad serviceUrl: " + e.getMessage());
        }
        try {
            String token = tokens.token();
            TeamsHttp.Answer answer = http.postReply(uri, activityJson, token, written);
            if (answer.status() == 401 && token != null) {
                log.info("Bot Connector refused the token (401); fetching a new one");
                tokens.invalidate(token);
                token = tokens.token();
                answer = http.postReply(uri, activityJson, token, written);
            }
            return result(answer);
        } catch (TeamsHttp.NotWritten e) {
            return Delivery.notWritten();
        } catch (ConnectorTokens.TokenUnavailable e) {
            return DeliveryResult.retry(null, "no connector token: " + e.getMessage());
        } catch (TeamsHttp.NoAnswer e) {
            // The connector may still post it: not again before it had as long again to do so.
            log.info("Bot Connector at {} did not answer within {}", uri.getHost(), http.replyTimeout());
            return DeliveryResult.unanswered("no answer within " + http.replyTimeout(), http.replyTimeout());
        } catch (IOException e) {
            log.info("Bot Connector unreachable at {}: {}", uri.getHost(), e.toString());
            return DeliveryResult.retry(null, "I/O error: " + e.getClass().getSimpleName());
        }
    }

    /** {@code {serviceUrl}/v3/conversations/{id}/activities}, the id percent-encoded (it holds {@code :;@}). */
    static URI activitiesUri(String serviceUrl, String conversationId) {
        String base = serviceUrl.endsWith("/") ? serviceUrl : serviceUrl + "/";
        URI uri = URI.create(base + "v3/conversations/" + encodePathSegment(conversationId) + "/activities");
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("not an absolute http(s) URL");
        }
        return uri;
    }

    private DeliveryResult result(TeamsHttp.Answer answer) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return DeliveryResult.sent();
        }
        String reason = "HTTP " + status + errorCode(answer.body());
        Duration retryAfter = RetryAfter.parse(answer.retryAfter(), clock.instant());
        if (status == 429 || status == 408 || status == 412 || status >= 500) {
            return DeliveryResult.retry(retryAfter, reason);
        }
        if (status == 401) {
            log.warn("Bot Connector refused a fresh token too (401): check certdesk.bot.app-id, app-password and tenant-id");
            return DeliveryResult.retry(null, reason);
        }
        log.warn("Bot Connector rejected an activity: {}", reason);
        return DeliveryResult.rejected(reason);
    }

    /** The connector's error code ({@code {"error":{"code":…}}}), as " (code)", or "". */
    private static String errorCode(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode error = JSON.readTree(body).path("error");
            String code = ActivityReader.string(error.path("code"));
            if (code == null) {
                code = ActivityReader.string(error);
            }
            return code == null ? "" : " (" + truncate(code) + ")";
        } catch (JacksonException e) {
            return "";
        }
    }

    private static String truncate(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "…";
    }

    private static String encodePathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
