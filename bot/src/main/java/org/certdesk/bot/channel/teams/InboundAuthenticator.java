package org.certdesk.bot.channel.teams;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import org.certdesk.bot.shared.Caches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Verifies that an activity comes from the Bot Framework, as its SDKs do for the channel path: a
 * bearer JWT signed with RS256/384/512 by a key from the OpenID metadata, issued by
 * {@value #ISSUER} for the bot's app id, within its validity (with the configured skew), whose
 * {@code serviceurl} claim is the activity's {@code serviceUrl}, and whose key endorses the
 * activity's channel. In two steps: {@link #verifyToken} before the body is read, {@link #verifyActivity}
 * once it is parsed. The emulator's Entra-issued tokens are not accepted.
 */
@Component
class InboundAuthenticator {
    static final String ISSUER = "https://api.botframework.com";
    private static final Logger log = LoggerFactory.getLogger(InboundAuthenticator.class);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);
    private static final int MAX_TOKEN_LENGTH = 16 * 1024;

    /** A token whose signature, issuer, audience and validity were checked. */
    record VerifiedToken(String serviceUrl, List<String> endorsements) {
    }

    /** A token that passed every check once: what must still hold each time it comes back. */
    private record Checked(VerifiedToken token, String kid, SigningKeys.SigningKey key, Instant expires,
            Instant notBefore) {}

    /**
     * Tokens already verified, by their exact text. The Bot Framework sends the same token with every
     * activity for about an hour, and checking its RSA signature again each time was the largest cost
     * of a request. Only tokens that passed are kept; on each use their validity times are checked
     * again and their signing key must still be the one published under their key id.
     */
    private final Cache<String, Checked> verified = Caches.inline().maximumSize(4096)
            .expireAfterWrite(Duration.ofHours(2)).build();

    private final SigningKeys keys;
    private final String appId;
    private final Duration skew;
    private final Clock clock;

    @Autowired
    InboundAuthenticator(TeamsProperties properties, SigningKeys keys, ObjectProvider<Clock> clock) {
        this(properties, keys, clock.getIfUnique(Clock::systemUTC));
    }

    InboundAuthenticator(TeamsProperties properties, SigningKeys keys, Clock clock) {
        this.keys = keys;
        this.appId = properties.appId();
        this.skew = properties.clockSkew();
        this.clock = clock;
        if (appId == null) {
            log.warn("""

                    ************************************************************************
                    * certdesk.bot.app-id is not set: /api/messages does NOT authenticate  *
                    * callers and replies go out without a token. Local use only: requests *
                    * are accepted from loopback addresses only. Set certdesk.bot.app-id,  *
                    * app-password and tenant-id for Teams.                                *
                    ************************************************************************""");
        }
    }

    /** Whether tokens are checked at all: false without an app id (local use). */
    boolean enabled() {
        return appId != null;
    }

    /**
     * Checks the {@code Authorization} header's token.
     *
     * @param authorization the header value, or null
     * @throws AuthFailure if there is no valid token
     * @throws SigningKeys.KeysUnavailable if the signing keys cannot be fetched at all
     */
    VerifiedToken verifyToken(String authorization) throws AuthFailure {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AuthFailure("missing bearer token");
        }
        String token = authorization.substring(7).strip();
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new AuthFailure("missing bearer token");
        }
        Checked known = verified.getIfPresent(token);
        if (known != null) {
            checkTimes(known.expires(), known.notBefore());
            if (known.key().equals(keys.find(known.kid()))) {
                return known.token();
            }
            verified.invalidate(token); // the key was rotated out or replaced: verify from scratch
        }
        SignedJWT jwt = parse(token);
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(alg)) {
            throw new AuthFailure("signing algorithm not allowed");
        }
        String kid = jwt.getHeader().getKeyID();
        SigningKeys.SigningKey key = kid == null ? null : keys.find(kid);
        if (key == null) {
            throw new AuthFailure("unknown signing key");
        }
        if (key.key().getAlgorithm() != null && !key.key().getAlgorithm().equals(alg)) {
            throw new AuthFailure("signing algorithm not allowed");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(key.key()))) {
                throw new AuthFailure("bad signature");
            }
        } catch (JOSEException e) {
            throw new AuthFailure("bad signature");
        }
        JWTClaimsSet claims = claims(jwt);
        if (!ISSUER.equals(claims.getIssuer())) {
            throw new AuthFailure("wrong issuer");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(appId)) {
            throw new AuthFailure("wrong audience");
        }
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            throw new AuthFailure("token expired");
        }
        Instant notBefore = claims.getNotBeforeTime() == null ? null : claims.getNotBeforeTime().toInstant();
        checkTimes(expires.toInstant(), notBefore);
        Object serviceUrl = claims.getClaim("serviceurl");
        VerifiedToken result = new VerifiedToken(serviceUrl instanceof String s ? s : null, key.endorsements());
        verified.put(token, new Checked(result, kid, key, expires.toInstant(), notBefore));
        return result;
    }

    private void checkTimes(Instant expires, Instant notBefore) throws AuthFailure {
        Instant now = clock.instant();
        if (now.isAfter(expires.plus(skew))) {
            throw new AuthFailure("token expired");
        }
        if (notBefore != null && now.isBefore(notBefore.minus(skew))) {
            throw new AuthFailure("token not yet valid");
        }
    }

    /**
     * Checks that the verified token was issued for this activity.
     *
     * @throws AuthFailure if the {@code serviceurl} claim differs from the activity's service URL, or
     *     the signing key does not endorse the activity's channel
     */
    void verifyActivity(VerifiedToken token, String serviceUrl, String channelId) throws AuthFailure {
        if (token.serviceUrl() == null || !token.serviceUrl().equals(serviceUrl)) {
            throw new AuthFailure("serviceUrl does not match the token");
        }
        if (!token.endorsements().isEmpty() && channelId != null && !channelId.isEmpty()
                && !token.endorsements().contains(channelId)) {
            throw new AuthFailure("signing key does not endorse the channel");
        }
    }

    private static SignedJWT parse(String token) throws AuthFailure {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new AuthFailure("malformed token");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new AuthFailure("signing algorithm not allowed");
        }
        return signed;
    }

    private static JWTClaimsSet claims(SignedJWT jwt) throws AuthFailure {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AuthFailure("malformed token");
        }
    }
}
