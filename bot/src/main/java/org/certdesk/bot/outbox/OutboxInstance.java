package org.certdesk.bot.outbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The id outbox claims are taken under: the same for a process and its next run, different for any
 * two processes alive at once. A web server on a fixed port is both: two live processes cannot
 * listen on one host and port, and a restarted one listens where it did. So the id is the host
 * name and {@code server.port} (hashed: claims do not publish host names); without a fixed port
 * (0, or no web server) each run gets a random one, and its claims, after a crash, wait for the lease.
 */
@Component
class OutboxInstance {
    private final String id;

    @Autowired
    OutboxInstance(ApplicationContext context, Environment environment) {
        this(idOf(context, environment.getProperty("server.port", Integer.class, 8080)));
    }

    OutboxInstance(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    private static String idOf(ApplicationContext context, int port) {
        return context instanceof WebServerApplicationContext && port > 0
                ? hash(hostName() + ":" + port)
                : "run-" + UUID.randomUUID();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "host-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
