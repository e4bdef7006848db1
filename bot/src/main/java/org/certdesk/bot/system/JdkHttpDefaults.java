package org.certdesk.bot.system;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the JDK's {@code HttpURLConnection} (the Teams channel's client) must be told before it is
 * used. Applied from {@code main} before anything connects, and again by the channel's client (for
 * tests and other entry points); what the operator set ({@code -Dhttp.maxConnections}) is kept.
 */
public final class JdkHttpDefaults {
    /** Connections kept alive per host; the JDK keeps 5, fewer than the outbox's 16 parallel deliveries. */
    public static final int KEPT_ALIVE = 64;
    /**
     * Logs every request's headers at FINE, a bearer token included; Spring Boot passes its levels on
     * to the JDK's loggers, so {@code logging.level.root=DEBUG} alone would log every connector token.
     * Held here: the JDK's logging forgets the level of a logger nobody references.
     */
    private static final Logger REQUEST_HEADERS = Logger.getLogger("sun.net.www.protocol.http.HttpURLConnection");

    private JdkHttpDefaults() {
    }

    public static void apply() {
        // Read once, when the JDK first keeps a connection.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(KEPT_ALIVE));
        }
        REQUEST_HEADERS.setLevel(Level.INFO);
    }
}
