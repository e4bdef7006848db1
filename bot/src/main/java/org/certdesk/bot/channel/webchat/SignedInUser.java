package org.certdesk.bot.channel.webchat;

import java.security.Principal;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * Who a web chat conversation was opened for, from the sign-in, never from what the browser posts:
 * helpdesk agents read it as "Employee" and transcripts keep it.
 *
 * @param id   the Entra ID object id ({@code oid}) of an OpenID Connect user, which stays the same when
 *             the user is renamed; else the principal's name
 * @param name the principal's name
 */
record SignedInUser(String id, String name) {
    private static final int MAX = 256;

    static SignedInUser of(Principal principal) {
        String name = cut(principal.getName());
        String id = name;
        if (principal instanceof Authentication authentication
                && authentication.getPrincipal() instanceof OAuth2AuthenticatedPrincipal oauth
                && oauth.getAttribute("oid") instanceof String oid && !oid.isBlank()) {
            id = cut(oid);
        }
        return new SignedInUser(id, name);
    }

    /** The columns hold 256 characters; a longer name is cut, not refused. */
    private static String cut(String value) {
        return value.length() <= MAX ? value : value.substring(0, MAX);
    }
}
