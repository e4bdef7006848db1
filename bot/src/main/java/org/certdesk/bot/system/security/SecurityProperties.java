package org.certdesk.bot.system.security;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may sign in to the agent console and the admin pages, under {@code certdesk.security}.
 *
 * @param users local accounts, for the embedded default and small deployments
 * @param oidc sign-in with Entra ID (OpenID Connect), for production
 */
@ConfigurationProperties("certdesk.security")
public record SecurityProperties(List<User> users, Oidc oidc) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        oidc = oidc == null ? new Oidc(null, null, null, null, "roles", "AGENT", "ADMIN") : oidc;
        long distinct = users.stream().map(u -> u.name().toLowerCase(Locale.ROOT)).distinct().count();
        if (distinct != users.size()) {
            throw new IllegalArgumentException("certdesk.security.users: two accounts have the same name");
        }
    }

    /** Whether anybody can sign in at all; without it the consoles are off. */
    public boolean signInPossible() {
        return !users.isEmpty() || oidc.enabled();
    }

    /**
     * A local account.
     *
     * @param name the sign-in name
     * @param password a bcrypt hash ({@code $2a$...}, or {@code {bcrypt}$2a$...}); {@code {noop}text}
     *     is accepted for tests and local trials only
     * @param roles AGENT, ADMIN or both
     */
    public record User(String name, String password, List<Role> roles) {
        public User {
            if (name == null || name.isBlank() || name.length() > 64 || !name.equals(name.strip())) {
                throw new IllegalArgumentException("certdesk.security.users[].name must be 1 to 64 characters without"
                        + " surrounding spaces");
            }
            if (password == null || password.isBlank()) {
                throw new IllegalArgumentException("certdesk.security.users: account " + name + " has no password");
            }
            if (!(password.startsWith("{noop}") || password.startsWith("{bcrypt}") || isBcrypt(password))) {
                // A clear-text password in configuration would be a secret lying in a file: refuse it.
                throw new IllegalArgumentException("certdesk.security.users: the password of account " + name
                        + " must be a bcrypt hash ($2a$/$2b$/$2y$..., e.g. from `htpasswd -bnBC 10 \"\" secret`)"
                        + " or {noop}text for tests");
            }
            if (roles == null || roles.isEmpty()) {
                throw new IllegalArgumentException("certdesk.security.users: account " + name
                        + " has no roles (AGENT, ADMIN)");
            }
            roles = List.copyOf(roles);
        }

        /** The password as Spring's DelegatingPasswordEncoder stores it. */
        String encodedPassword() {
            return isBcrypt(password) ? "{bcrypt}" + password : password;
        }

        private static boolean isBcrypt(String password) {
            return password.matches("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");
        }

        @Override
        public String toString() {
            return "User[name=" + name + ", roles=" + roles + "]"; // never the password hash, not even in logs
        }
    }

    /**
     * OpenID Connect with Entra ID. On when {@code client-id} is set.
     *
     * @param tenantId the Entra tenant; gives the issuer {@code https://login.microsoftonline.com/<tenant>/v2.0}
     * @param issuerUri overrides the issuer (other providers, tests)
     * @param clientId the app registration's client id
     * @param clientSecret its secret
     * @param rolesClaim the ID token claim with the app roles
     * @param agentRole the app role value that makes an agent
     * @param adminRole the app role value that makes an admin
     */
    public record Oidc(String tenantId, String issuerUri, String clientId, String clientSecret,
            @DefaultValue("roles") String rolesClaim, @DefaultValue("AGENT") String agentRole,
            @DefaultValue("ADMIN") String adminRole) {

        public Oidc {
            clientId = blankToNull(clientId);
            if (clientId != null) {
                if (blankToNull(clientSecret) == null) {
                    throw new IllegalArgumentException("certdesk.security.oidc.client-secret is required with client-id");
                }
                if (blankToNull(tenantId) == null && blankToNull(issuerUri) == null) {
                    throw new IllegalArgumentException("certdesk.security.oidc: set tenant-id (Entra ID) or issuer-uri");
                }
            }
        }

        public boolean enabled() {
            return clientId != null;
        }

        /** The issuer whose metadata Spring reads at start-up. */
        public String issuer() {
            return blankToNull(issuerUri) != null ? issuerUri
                    : "https://login.microsoftonline.com/" + tenantId + "/v2.0";
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }

        @Override
        public String toString() {
            return "Oidc[issuer=" + (enabled() ? issuer() : "off") + ", clientId=" + clientId + "]";
        }
    }
}
