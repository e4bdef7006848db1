package org.certdesk.analyzer.net;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes a socket when a deadline passes. A read timeout restarts with every byte, so a server that
 * drips one byte a second could stretch a handshake or an AIA fetch for minutes; closing the socket from a timer
 * cannot be stretched. One daemon thread serves all probes and fetches and lets itself go when idle.
 */
public final class SocketDeadline implements AutoCloseable {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Socket socket;
    private final ScheduledFuture<?> task;
    private volatile boolean fired;

    private SocketDeadline(Socket socket, long delayNanos) {
        this.socket = socket;
        this.task = TIMER.schedule(this::fire, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Arms a timer that closes {@code socket} after {@code delayNanos} unless {@link #close()} comes first. */
    public static SocketDeadline arm(Socket socket, long delayNanos) {
        return new SocketDeadline(socket, Math.max(0, delayNanos));
    }

    /** Whether the deadline passed and closed the socket: the caller's I/O error is then a timeout. */
    public boolean fired() {
        return fired;
    }

    /** Disarms the timer; the socket stays open. */
    @Override
    public void close() {
        task.cancel(false);
    }

    private void fire() {
        fired = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is the whole point; a socket that is already closed is fine.
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "certdesk-socket-deadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(30, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }
}
