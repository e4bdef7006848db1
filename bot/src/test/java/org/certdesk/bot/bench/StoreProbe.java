package org.certdesk.bot.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Where work waits during the measured window: the inbox (turns accepted, not yet run) and the
 * outbox (replies committed, not yet delivered), sampled twice a second; and the bot's own
 * {@code certdesk.turn.latency} (activity received to replies committed) over the window.
 */
final class StoreProbe implements LoadGenerator.Window {
    private final DataSource dataSource;
    private final MeterRegistry registry;
    private volatile boolean running;
    private Thread sampler;
    private long samples;
    private long inboxSum;
    private long inboxMax;
    private long outboxSum;
    private long outboxMax;
    private long turnsAtStart;
    private double turnNanosAtStart;

    StoreProbe(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    @Override
    public void start() {
        Timer timer = timer();
        turnsAtStart = timer == null ? 0 : timer.count();
        turnNanosAtStart = timer == null ? 0 : timer.totalTime(TimeUnit.NANOSECONDS);
        running = true;
        sampler = new Thread(this::sample, "bench-probe");
        sampler.setDaemon(true);
        sampler.start();
    }

    @Override
    public void end() {
        running = false;
        try {
            sampler.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sample() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            while (running) {
                long inbox = count(statement, "SELECT COUNT(*) FROM inbox");
                long outbox = count(statement, "SELECT COUNT(*) FROM outbox WHERE status = 'PENDING'");
                synchronized (this) {
                    samples++;
                    inboxSum += inbox;
                    inboxMax = Math.max(inboxMax, inbox);
                    outboxSum += outbox;
                    outboxMax = Math.max(outboxMax, outbox);
                }
                Thread.sleep(500);
            }
        } catch (SQLException e) {
            System.out.println("  (store probe failed: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Timer timer() {
        return registry.find("certdesk.turn.latency").tag("channel", "msteams").timer();
    }

    synchronized String summary() {
        Timer timer = timer();
        String turn = "";
        if (timer != null && timer.count() > turnsAtStart) {
            double mean = (timer.totalTime(TimeUnit.NANOSECONDS) - turnNanosAtStart) / (timer.count() - turnsAtStart) / 1e6;
            turn = String.format(Locale.ROOT, "; bot's certdesk.turn.latency (received -> replies committed) mean %.1f ms",
                    mean);
        }
        if (samples == 0) {
            return "no samples" + turn;
        }
        return String.format(Locale.ROOT, "waiting in the inbox: mean %.1f, max %d; pending in the outbox: mean %.1f,"
                + " max %d%s", (double) inboxSum / samples, inboxMax, (double) outboxSum / samples, outboxMax, turn);
    }
}
