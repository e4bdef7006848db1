package org.certdesk.bot.system;

import org.springframework.stereotype.Component;

/**
 * One thread for the periodic work whose timing is loose and whose runs may be long: the retention
 * sweeps, the sign-in server watch, the sweep of expired sign-in sessions. A slow run (a large
 * delete, a sign-in host that does not answer) delays the others by as much, which none of them
 * minds: each does at its next run what a late one did not.
 *
 * <p>Not for what is on a turn's or a reply's path, nor for what must keep time: those are
 * {@link Timers}'.
 */
@Component
public class Housekeeping extends ScheduledThread {
    public Housekeeping() {
        super("certdesk-housekeeping", false);
    }
}
