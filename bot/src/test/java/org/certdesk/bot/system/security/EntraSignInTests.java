package org.certdesk.bot.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

/** What an Entra ID sign-in may open: the app roles in the ID token decide, nothing else. */
class EntraSignInTests {
    private static final SecurityProperties.Oidc OIDC = new SecurityProperties.Oidc("tenant", null, "client", "secret",
            "roles", "AGENT", "ADMIN");

    @Test
    void theAgentAppRoleMakesAnAgent() {
        assertThat(roles(List.of("AGENT"))).contains("ROLE_AGENT", "ROLE_EMPLOYEE").doesNotContain("ROLE_ADMIN");
    }

    @Test
    void theAdminAppRoleMakesAnAdmin() {
        assertThat(roles(List.of("ADMIN"))).contains("ROLE_ADMIN", "ROLE_EMPLOYEE").doesNotContain("ROLE_AGENT");
        assertThat(roles(List.of("ADMIN", "AGENT"))).contains("ROLE_ADMIN", "ROLE_AGENT");
    }

    @Test
    void anybodyElseOfTheTenantIsOnlyAnEmployee() {
        assertThat(roles(List.of("Reader", "agent", "ROLE_AGENT"))).contains("ROLE_EMPLOYEE")
                .doesNotContain("ROLE_AGENT", "ROLE_ADMIN");
        assertThat(roles(null)).contains("ROLE_EMPLOYEE").doesNotContain("ROLE_AGENT", "ROLE_ADMIN");
    }

    @Test
    void aConfiguredClaimAndRoleNamesAreUsed() {
        SecurityProperties.Oidc custom = new SecurityProperties.Oidc("tenant", null, "client", "secret", "groups",
                "Helpdesk.Agent", "Helpdesk.Admin");
        Instant now = Instant.now();
        OidcIdToken token = new OidcIdToken("t", now, now.plusSeconds(60), Map.of("sub", "s",
                "roles", List.of("AGENT"), "groups", List.of("Helpdesk.Agent")));
        Set<GrantedAuthority> mapped = EntraSignIn.roles(List.of(new OidcUserAuthority(token)), custom);
        assertThat(mapped.stream().map(GrantedAuthority::getAuthority)).contains("ROLE_AGENT").doesNotContain("ROLE_ADMIN");
    }

    private static List<String> roles(List<String> appRoles) {
        Instant now = Instant.now();
        OidcIdToken token = appRoles == null ? new OidcIdToken("t", now, now.plusSeconds(60), Map.of("sub", "s"))
                : new OidcIdToken("t", now, now.plusSeconds(60), Map.of("sub", "s", "roles", appRoles));
        return EntraSignIn.roles(List.of(new OidcUserAuthority(token)), OIDC).stream()
                .map(GrantedAuthority::getAuthority).toList();
    }
}
