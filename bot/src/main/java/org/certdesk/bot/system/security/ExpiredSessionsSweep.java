package org.certdesk.bot.system.security;

import java.time.Duration;

import org.certdesk.bot.system.Housekeeping;
import org.certdesk.bot.system.PeriodicSweep;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Deletes the sign-in sessions that expired, every minute, as Spring Session's own clean-up does;
 * but on the {@link Housekeeping} thread, not a scheduler thread of its own
 * ({@code spring.session.jdbc.cleanup-cron: "-"} turns that one off). An expired session is refused
 * whether or not it was deleted: this only keeps the table small.
 */
@Component
class ExpiredSessionsSweep extends PeriodicSweep {
    private static final Duration EVERY = Duration.ofMinutes(1);

    private final ObjectProvider<JdbcIndexedSessionRepository> sessions;

    ExpiredSessionsSweep(ObjectProvider<JdbcIndexedSessionRepository> sessions, Housekeeping housekeeping) {
        super("expired sign-in sessions", EVERY, housekeeping);
        this.sessions = sessions;
    }

    @Override
    protected void sweepOnce() {
        sessions.ifAvailable(JdbcIndexedSessionRepository::cleanUpExpiredSessions);
    }
}
