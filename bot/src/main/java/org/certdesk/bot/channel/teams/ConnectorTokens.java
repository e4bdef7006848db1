package org.certdesk.bot.channel.teams;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The bot's bearer token for the Bot Connector: an OAuth client-credentials grant at the configured
 * token URL, cached until {@link #RENEW_BEFORE_EXPIRY} before it expires. One request at a time fetches
 * a new token; the others wait for it. Thread-safe.
 */
@Component
class ConnectorTokens {
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(ConnectorTokens.class);
    private static final JsonMapper JSON = JsonMapper.shared();

    /** No token could be obtained; sending should be tried again later. */
    static final class TokenUnavailable extends Exception {
        TokenUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    private record Token(String value, Instant renewAt) {
    }

    private final TeamsHttp http;
    private final TeamsProperties properties;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Token current;

    @Autowired
    ConnectorTokens(TeamsProperties properties, TeamsHttp http, ObjectProvider<Clock> clock) {
        this(properties, http, clock.getIfUnique(Clock::systemUTC));
    }

    ConnectorTokens(TeamsProperties properties, TeamsHttp http, Clock clock) {
        this.properties = properties;
        this.http = http;
        this.clock = clock;
    }

    /**
     * A valid token, fetched only if the cached one is missing or about to expire.
     *
     * @return the bearer token, or null when no app id is configured (local use: calls carry no token)
     * @throws TokenUnavailable if the token service cannot be reached or refuses the credentials
     */
    String token() throws TokenUnavailable {
        if (!properties.authEnabled()) {
            return null;
        }
        Token token = current;
        if (token != null && clock.instant().isBefore(token.renewAt())) {
            return token.value();
        }
        lock.lock();
        try {
            token = current;
            if (token == null || !clock.instant().isBefore(token.renewAt())) {
                token = fetch();
                current = token;
            }
            return token.value();
        } finally {
            lock.unlock();
        }
    }

    /** Forgets {@code rejected} (the connector answered 401 with it), so the next {@link #token()} fetches anew. */
    void invalidate(String rejected) {
        lock.lock();
        try {
            Token token = current;
            if (token != null && token.value().equals(rejected)) {
                current = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private Token fetch() throws TokenUnavailable {
        URI url = properties.tokenUrl();
        String form = "grant_type=client_credentials"
                + "&client_id=" + encode(properties.appId())
                + "&client_secret=" + encode(properties.appPassword() == null ? "" : properties.appPassword())
                + "&scope=" + encode(properties.tokenScope());
        TeamsHttp.Answer answer;
        try {
            answer = http.postForm(url, form);
        } catch (IOException e) {
            throw unavailable("token service " + url + " unreachable: " + e);
        }
        JsonNode body = parse(answer.body());
        if (answer.status() != 200) {
            String error = ActivityReader.string(body.path("error"));
            throw unavailable("token service " + url + " answered HTTP " + answer.status()
                    + (error != null ? " (" + error + ")" : ""));
        }
        String accessToken = ActivityReader.string(body.path("access_token"));
        JsonNode expiresIn = body.path("expires_in");
        long seconds = expiresIn.isNumber() ? expiresIn.asLong() : parseLong(ActivityReader.string(expiresIn));
        if (accessToken == null || accessToken.isBlank() || seconds <= 0) {
            throw unavailable("token service " + url + " answered without access_token/expires_in");
        }
        Duration lifetime = Duration.ofSeconds(seconds);
        Duration keep = lifetime.compareTo(RENEW_BEFORE_EXPIRY.multipliedBy(2)) > 0
                ? lifetime.minus(RENEW_BEFORE_EXPIRY) : lifetime.dividedBy(2);
        log.debug("Fetched a connector token valid for {} s", seconds);
        return new Token(accessToken, clock.instant().plus(keep));
    }

    private static TokenUnavailable unavailable(String message) {
        log.warn("No Bot Connector token: {}", message);
        return new TokenUnavailable(message);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JacksonException e) {
            return MissingNode.getInstance();
        }
    }

    private static long parseLong(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
