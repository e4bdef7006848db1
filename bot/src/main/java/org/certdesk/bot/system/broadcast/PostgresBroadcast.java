package org.certdesk.bot.system.broadcast;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;

import org.certdesk.bot.system.WorkerThreads;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The broadcast of instances sharing a PostgreSQL: {@code pg_notify} through the pool, and a
 * connection of its own (outside the pool, which it would hold forever) that LISTENs. PostgreSQL
 * hands every notification to every listening session, the publisher's included, once its
 * transaction commits. When the listening connection breaks it is opened again after a second;
 * signals sent meanwhile are lost, which {@link Broadcast} allows.
 */
final class PostgresBroadcast implements Broadcast, SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresBroadcast.class);
    /** One PostgreSQL channel for every topic: the payload is {@code topic SP payload}. */
    static final String CHANNEL = "certdesk_broadcast";
    /** PostgreSQL refuses payloads of 8000 bytes or more; ours are a few dozen. */
    private static final int MAX_PAYLOAD = 7000;
    private static final int POLL_MILLIS = 500;
    private static final Duration RECONNECT = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final String url;
    private final String username;
    private final String password;
    private final Listeners listeners = new Listeners();
    private volatile boolean running;
    private volatile Connection listening;
    private Thread thread;

    PostgresBroadcast(JdbcClient jdbc, String url, String username, String password) {
        this.jdbc = jdbc;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    @Override
    public void publish(String topic, String payload) {
        String message = topic + " " + payload;
        if (message.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("broadcast payload too long for topic " + topic);
        }
        jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, message).query(Object.class).optional();
    }

    @Override
    public void listen(String topic, Consumer<String> listener) {
        listeners.add(topic, listener);
    }

    /** Listens before the application says it started, so no signal published after that is missed. */
    @Override
    public synchronized void start() {
        running = true;
        try {
            listening = connect();
        } catch (SQLException e) {
            LOG.warn("cannot LISTEN on PostgreSQL yet, retrying in the background: {}", e.getMessage());
        }
        thread = WorkerThreads.named("broadcast").newThread(this::receive);
        thread.start();
    }

    private void receive() {
        while (running) {
            try {
                Connection connection = listening;
                if (connection == null) {
                    connection = connect();
                    listening = connection;
                }
                PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        dispatch(notification.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                LOG.warn("lost the PostgreSQL LISTEN connection, opening it again: {}", e.getMessage());
                closeQuietly(listening);
                listening = null;
                pause();
            }
        }
    }

    private void dispatch(String message) {
        int space = message.indexOf(' ');
        if (space < 0) {
            return; // not one of ours
        }
        listeners.deliver(message.substring(0, space), message.substring(space + 1));
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(url, username, password);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
        return connection;
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(2 * POLL_MILLIS + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(listening);
        listening = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // going away anyway
        }
    }
}
