package org.certdesk.bot.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Bot Framework's identity side on loopback: OpenID metadata and a key set (an RSA key generated
 * at start, endorsing {@code msteams}) for the bot's inbound token check, and a client-credentials
 * token endpoint for its outbound calls. Signs the channel tokens the load generator sends.
 */
final class IdentityStub implements AutoCloseable {
    static final String APP_ID = "bench0000-1111-2222-3333-444444444444";
    static final String ISSUER = "https://api.botframework.com";
    static final String CONNECTOR_TOKEN = "bench-connector-token";

    private final HttpServer server;
    private final ExecutorService executor;
    private final RSAKey key;
    private final AtomicInteger metadataRequests = new AtomicInteger();
    private final AtomicInteger keyRequests = new AtomicInteger();
    private final AtomicInteger tokenRequests = new AtomicInteger();

    IdentityStub() throws IOException {
        try {
            key = new RSAKeyGenerator(2048).keyID("bench-key-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/.well-known/openidconfiguration", exchange -> {
            metadataRequests.incrementAndGet();
            answer(exchange, "{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\"" + base() + "/v1/.well-known/keys\","
                    + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
        });
        server.createContext("/v1/.well-known/keys", exchange -> {
            keyRequests.incrementAndGet();
            Map<String, Object> entry = new LinkedHashMap<>(key.toPublicJWK().toJSONObject());
            entry.put("use", "sig");
            entry.put("endorsements", List.of("msteams"));
            answer(exchange, JSONObjectUtils.toJSONString(Map.of("keys", List.of(entry))));
        });
        server.createContext("/bench-tenant/oauth2/v2.0/token", exchange -> {
            tokenRequests.incrementAndGet();
            answer(exchange, "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"ext_expires_in\":3600,"
                    + "\"access_token\":\"" + CONNECTOR_TOKEN + "\"}");
        });
        executor = Executors.newFixedThreadPool(2, Benchmarks.daemon("bench-identity"));
        server.setExecutor(executor);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    URI metadataUrl() {
        return URI.create(base() + "/v1/.well-known/openidconfiguration");
    }

    URI tokenUrl() {
        return URI.create(base() + "/bench-tenant/oauth2/v2.0/token");
    }

    /** {@code count} distinct valid channel tokens for activities whose serviceUrl is {@code serviceUrl}. */
    List<String> tokens(String serviceUrl, int count) {
        Instant now = Instant.now();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(ISSUER)
                    .audience(APP_ID)
                    .jwtID("bench-" + i)
                    .issueTime(Date.from(now.minusSeconds(60)))
                    .notBeforeTime(Date.from(now.minusSeconds(60)))
                    .expirationTime(Date.from(now.plusSeconds(3600)))
                    .claim("serviceurl", serviceUrl)
                    .build();
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                        claims);
                jwt.sign(new RSASSASigner(key));
                tokens.add(jwt.serialize());
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return tokens;
    }

    String requests() {
        return "metadata " + metadataRequests.get() + ", keys " + keyRequests.get() + ", connector tokens "
                + tokenRequests.get();
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
