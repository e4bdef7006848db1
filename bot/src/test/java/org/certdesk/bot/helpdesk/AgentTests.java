package org.certdesk.bot.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** Who owns a case: a stable id, whatever name the agent goes by. */
class AgentTests {

    @Test
    void anEntraAgentOwnsCasesByObjectIdAndIsShownByDisplayName() {
        Agent before = Agent.of(entra(Map.of("oid", "5f1c-oid", "sub", "subject-1",
                "preferred_username", "alice@contoso.com", "name", "Alice Martin")));
        Agent renamed = Agent.of(entra(Map.of("oid", "5f1c-oid", "sub", "subject-1",
                "preferred_username", "alice.martin@contoso.com", "name", "Alice Martin-Durand")));

        assertThat(before.account()).isEqualTo("5f1c-oid");
        assertThat(before.displayName()).isEqualTo("Alice Martin");
        assertThat(renamed.account()).as("a renamed account keeps its cases").isEqualTo(before.account());
        assertThat(renamed.displayName()).isEqualTo("Alice Martin-Durand");
    }

    @Test
    void aUsernameGivenToSomebodyElseDoesNotGiveThemTheFormerOwnersCases() {
        Agent alice = Agent.of(entra(Map.of("oid", "oid-alice", "sub", "s1", "preferred_username", "helpdesk@contoso.com")));
        Agent bob = Agent.of(entra(Map.of("oid", "oid-bob", "sub", "s2", "preferred_username", "helpdesk@contoso.com")));
        assertThat(alice.account()).isNotEqualTo(bob.account());
        assertThat(bob.displayName()).as("no name claim: the user name is shown").isEqualTo("helpdesk@contoso.com");
    }

    @Test
    void withoutAnObjectIdTheSubjectOwnsTheCases() {
        assertThat(Agent.of(entra(Map.of("sub", "subject-7", "preferred_username", "carol@contoso.com"))).account())
                .isEqualTo("subject-7");
    }

    @Test
    void aLocalAccountOwnsCasesByItsNameAndIsShownCapitalised() {
        Agent agent = Agent.of(new UsernamePasswordAuthenticationToken("alice", null,
                List.of(new SimpleGrantedAuthority("ROLE_AGENT"))));
        assertThat(agent).isEqualTo(new Agent("alice", "Alice"));
    }

    private static OidcUser entra(Map<String, Object> claims) {
        Map<String, Object> all = new HashMap<>(claims);
        all.put("iss", "https://login.microsoftonline.com/tenant/v2.0");
        Instant now = Instant.now();
        OidcIdToken token = new OidcIdToken("token", now, now.plusSeconds(3600), all);
        return new DefaultOidcUser(List.of(new SimpleGrantedAuthority("ROLE_AGENT")), token);
    }
}
