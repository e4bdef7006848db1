package org.certdesk.bot.channel.teams;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The Bot Framework's token signing keys: the OpenID metadata names a {@code jwks_uri}, whose RSA keys
 * are cached by key id (Caffeine). Every {@code jwks-min-refresh-interval} a read checks, in the
 * background, whether the keys are older than {@code jwks-max-age} and fetches them again if so. A
 * token naming an unknown key id fetches them at once, but at most once per
 * {@code jwks-min-refresh-interval} and one fetch at a time. A failed fetch keeps the previous keys.
 * Thread-safe.
 */
@Component
class SigningKeys {
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final String ONLY = "keys";

    /** One signing key and the channels it may sign for (empty: any). */
    record SigningKey(RSAKey key, List<String> endorsements) {
    }

    /**
     * @param fetchedAt when these keys were fetched
     * @param attemptedAt when a fetch was last tried (the rate limit of unknown key ids)
     */
    private record KeySet(Map<String, SigningKey> byKid, Instant fetchedAt, Instant attemptedAt) {
        KeySet attempted(Instant at) {
            return new KeySet(byKid, fetchedAt, at);
        }
    }

    /** The metadata or the key set could not be fetched or read; the request cannot be judged. */
    static final class KeysUnavailable extends RuntimeException {
        KeysUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final TeamsHttp http;
    private final URI metadataUrl;
    private final Duration maxAge;
    private final Duration minRefreshInterval;
    private final Clock clock;
    private final LoadingCache<String, KeySet> cache;
    private final Object refreshLock = new Object();

    @Autowired
    SigningKeys(TeamsProperties properties, TeamsHttp http, ObjectProvider<Clock> clock) {
        this(properties, http, clock.getIfUnique(Clock::systemUTC), ForkJoinPool.commonPool());
    }

    /** @param executor runs the periodic refresh (tests pass {@code Runnable::run}) */
    SigningKeys(TeamsProperties properties, TeamsHttp http, Clock clock, Executor executor) {
        this.http = http;
        this.metadataUrl = properties.openidMetadataUrl();
        this.maxAge = properties.jwksMaxAge();
        this.minRefreshInterval = properties.jwksMinRefreshInterval();
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .refreshAfterWrite(minRefreshInterval)
                .executor(executor)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build(new CacheLoader<String, KeySet>() {
                    @Override
                    public KeySet load(String key) {
                        return fetch();
                    }

                    @Override
                    public KeySet reload(String key, KeySet old) {
                        Instant now = clock.instant();
                        return now.isBefore(old.fetchedAt().plus(maxAge)) ? old : fetchKeepingOld(old, now);
                    }
                });
    }

    /**
     * The key with id {@code kid}, fetching the key set again if the id is unknown and no fetch was
     * tried for {@code jwks-min-refresh-interval}.
     *
     * @return the key, or null if the issuer does not publish it
     * @throws KeysUnavailable if no key set was ever fetched and fetching fails now
     */
    SigningKey find(String kid) {
        KeySet seen = current();
        SigningKey key = seen.byKid().get(kid);
        if (key != null) {
            return key;
        }
        synchronized (refreshLock) {
            KeySet latest = current();
            if (latest == seen) {
                Instant now = clock.instant();
                if (now.isBefore(seen.attemptedAt().plus(minRefreshInterval))) {
                    return null;
                }
                log.info("Token signed with unknown key id {}: fetching the signing keys again", kid);
                latest = fetchKeepingOld(seen, now);
                cache.put(ONLY, latest);
            }
            return latest.byKid().get(kid);
        }
    }

    private KeySet current() {
        try {
            return cache.get(ONLY);
        } catch (KeysUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KeysUnavailable("signing keys unavailable", e);
        }
    }

    private KeySet fetchKeepingOld(KeySet old, Instant now) {
        try {
            return fetch();
        } catch (KeysUnavailable e) {
            log.warn("Could not refresh the Bot Framework signing keys; keeping the previous ones: {}", e.getMessage());
            return old.attempted(now);
        }
    }

    private KeySet fetch() {
        try {
            Map<String, Object> metadata = JSONObjectUtils.parse(http.getJson(metadataUrl));
            String jwksUri = JSONObjectUtils.getString(metadata, "jwks_uri");
            if (jwksUri == null) {
                throw new KeysUnavailable("OpenID metadata " + metadataUrl + " names no jwks_uri", null);
            }
            Map<String, Object> jwks = JSONObjectUtils.parse(http.getJson(URI.create(jwksUri)));
            Map<String, Object>[] entries = JSONObjectUtils.getJSONObjectArray(jwks, "keys");
            if (entries == null) {
                throw new KeysUnavailable("key set " + jwksUri + " has no keys", null);
            }
            Map<String, SigningKey> byKid = new HashMap<>();
            for (Map<String, Object> entry : entries) {
                SigningKey key = signingKey(entry);
                if (key != null) {
                    byKid.put(key.key().getKeyID(), key);
                }
            }
            log.debug("Fetched {} Bot Framework signing keys from {}", byKid.size(), jwksUri);
            Instant now = clock.instant();
            return new KeySet(Map.copyOf(byKid), now, now);
        } catch (IOException | ParseException | IllegalArgumentException e) {
            throw new KeysUnavailable("signing keys unavailable from " + metadataUrl + ": " + e.getMessage(), e);
        }
    }

    /** An RSA public signing key with an id, or null for anything else (skipped). */
    private static SigningKey signingKey(Map<String, Object> entry) {
        try {
            JWK jwk = JWK.parse(entry);
            if (!(jwk instanceof RSAKey rsa) || rsa.isPrivate() || rsa.getKeyID() == null
                    || (rsa.getKeyUse() != null && !KeyUse.SIGNATURE.equals(rsa.getKeyUse()))) {
                return null;
            }
            List<String> endorsements = JSONObjectUtils.getStringList(entry, "endorsements");
            return new SigningKey(rsa, endorsements == null ? List.of() : List.copyOf(endorsements));
        } catch (ParseException | RuntimeException e) {
            log.debug("Skipping an unreadable key in the Bot Framework key set: {}", e.getMessage());
            return null;
        }
    }
}
