package org.certdesk.bot.system;

import org.springframework.stereotype.Component;

/**
 * One thread for the periodic work that must keep time and whose every run is a few short
 * statements, never a call to another server: the outbox's poll and its claims' renewals, the turns'
 * recovery sweep, the renewals of slow actions' leases. Each had a thread of its own. A claim or a
 * lease is renewed every third of it, so a run could be late by two thirds of a lease (4 s by
 * default) before another instance takes the work over; the runs here take milliseconds.
 *
 * <p>Long work (deletes of a retention, anything on the network) goes to {@link Housekeeping}
 * instead, so that it never delays these.
 */
@Component
public class Timers extends ScheduledThread {
    public Timers() {
        super("certdesk-timers");
    }
}
