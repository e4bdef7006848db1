package org.certdesk.bot.helpdesk;

import java.util.Locale;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The signed-in agent: the account cases are assigned to, and the name the employee reads
 * ("Alice (helpdesk): ..."): Entra ID's display name, or a local account's name capitalised.
 */
record Agent(String account, String displayName) {

    static Agent of(Authentication authentication) {
        if (authentication.getPrincipal() instanceof OidcUser oidc) {
            return of(oidc);
        }
        String account = authentication.getName();
        String display = account.isEmpty() ? account
                : account.substring(0, 1).toUpperCase(Locale.ROOT) + account.substring(1);
        return new Agent(account, display);
    }

    /**
     * Owns cases by the Entra object id ({@code oid}, else the subject): immutable, unlike
     * {@code preferred_username}, which an admin can change or give to somebody else and Microsoft
     * says not to use for authorization. The name shown is separate and may change freely.
     */
    static Agent of(OidcUser oidc) {
        String oid = oidc.getClaimAsString("oid");
        String account = oid != null && !oid.isBlank() ? oid : oidc.getSubject();
        String name = oidc.getFullName() != null ? oidc.getFullName()
                : oidc.getPreferredUsername() != null ? oidc.getPreferredUsername() : account;
        return new Agent(account, name);
    }
}
