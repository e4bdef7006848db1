package org.certdesk.bot.channel.teams;

/**
 * An inbound request that is not proven to come from the Bot Framework: answered 401. The message is
 * a short reason, safe to return to the caller and to log; it never contains the token.
 */
final class AuthFailure extends Exception {
    AuthFailure(String reason) {
        super(reason, null, false, false);
    }
}
