package org.certdesk.bot.channel.teams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Throw-away RSA signing keys standing in for the Bot Framework's: serves OpenID metadata and a key
 * set through WireMock and signs tokens with them.
 */
final class TestKeys {
    static final String METADATA_PATH = "/v1/.well-known/openidconfiguration";
    static final String KEYS_PATH = "/v1/.well-known/keys";
    static final String APP_ID = "11111111-2222-3333-4444-555555555555";
    static final String SERVICE_URL = "https://smba.trafficmanager.net/emea/";

    private static RSAKey first;
    private static RSAKey second;
    private static RSAKey stranger;

    private TestKeys() {
    }

    static synchronized RSAKey first() {
        if (first == null) {
            first = generate("key-1");
        }
        return first;
    }

    static synchronized RSAKey second() {
        if (second == null) {
            second = generate("key-2");
        }
        return second;
    }

    /** A key no key set ever publishes. */
    static synchronized RSAKey stranger() {
        if (stranger == null) {
            stranger = generate("key-never-published");
        }
        return stranger;
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves the metadata and a key set holding {@code keys}, each endorsing {@code endorsements}. */
    /** The bot's Teams settings (authentication on) with its OpenID metadata served by {@code server}. */
    static void botSettings(DynamicPropertyRegistry registry, WireMockServer server) {
        registry.add("certdesk.bot.app-id", () -> APP_ID);
        registry.add("certdesk.bot.app-password", () -> "secret");
        registry.add("certdesk.bot.tenant-id", () -> "tenant-1");
        registry.add("certdesk.bot.openid-metadata-url", () -> server.baseUrl() + METADATA_PATH);
    }

    static void serve(WireMockServer server, List<String> endorsements, RSAKey... keys) {
        server.stubFor(get(urlEqualTo(METADATA_PATH)).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"issuer\":\"https://api.botframework.com\",\"jwks_uri\":\"" + server.baseUrl() + KEYS_PATH
                        + "\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}")));
        List<Object> entries = new ArrayList<>();
        for (RSAKey key : keys) {
            Map<String, Object> entry = new LinkedHashMap<>(key.toPublicJWK().toJSONObject());
            entry.put("use", "sig");
            entry.put("endorsements", endorsements);
            entries.add(entry);
        }
        Map<String, Object> jwks = Map.of("keys", entries);
        server.stubFor(get(urlEqualTo(KEYS_PATH)).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(JSONObjectUtils.toJSONString(jwks))));
    }

    /** Claims of a valid channel token at {@code now}; {@code changes} may alter them. */
    static JWTClaimsSet claims(Instant now, Consumer<JWTClaimsSet.Builder> changes) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer("https://api.botframework.com")
                .audience(APP_ID)
                .issueTime(Date.from(now.minusSeconds(60)))
                .notBeforeTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("serviceurl", SERVICE_URL);
        changes.accept(builder);
        return builder.build();
    }

    static String sign(RSAKey key, JWSAlgorithm alg, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(RSAKey key, JWTClaimsSet claims) {
        return sign(key, JWSAlgorithm.RS256, claims);
    }

    /** A token signed with HMAC, using the public modulus as the secret (the classic key-confusion attack). */
    static String signHmac(RSAKey key, JWTClaimsSet claims) {
        try {
            byte[] secret = key.getModulus().decode();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token: header {@code {"alg":"none"}}, empty signature. */
    static String unsigned(JWTClaimsSet claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"kid\":\"key-1\"}".getBytes());
        String payload = b64.encodeToString(claims.toString().getBytes());
        return header + "." + payload + ".";
    }

    /** {@code token} with its signature replaced by that of another token (same length, wrong bytes). */
    static String tamper(String token) {
        int dot = token.lastIndexOf('.');
        char[] signature = token.substring(dot + 1).toCharArray();
        signature[5] = signature[5] == 'A' ? 'B' : 'A';
        return token.substring(0, dot + 1) + new String(signature);
    }
}
