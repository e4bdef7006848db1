package org.certdesk.bot.helpdesk;

import java.util.Locale;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The signed-in agent: the account name cases are assigned to, and the name the employee reads
 * ("Alice (helpdesk): ..."): Entra ID's display name, or a local account's name capitalised.
 */
record Agent(String account, String displayName) {

    static Agent of(Authentication authentication) {
        String account = authentication.getName();
        if (authentication.getPrincipal() instanceof OidcUser oidc) {
            String name = oidc.getFullName() != null ? oidc.getFullName() : oidc.getPreferredUsername();
            String id = oidc.getPreferredUsername() != null ? oidc.getPreferredUsername() : account;
            return new Agent(id, name != null ? name : id);
        }
        String display = account.isEmpty() ? account
                : account.substring(0, 1).toUpperCase(Locale.ROOT) + account.substring(1);
        return new Agent(account, display);
    }
}
