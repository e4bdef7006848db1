package org.certdesk.bot.channel.teams;

/** The request body is not an activity this channel can act on: answered 400 with the reason. */
final class BadActivity extends Exception {
    BadActivity(String reason) {
        super(reason, null, false, false);
    }
}
