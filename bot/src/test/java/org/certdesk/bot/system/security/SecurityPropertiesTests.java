package org.certdesk.bot.system.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

class SecurityPropertiesTests {

    @Test
    void aBareBcryptHashIsUnderstoodAndMatchesItsPassword() {
        String hash = new BCryptPasswordEncoder(4).encode("s3cret");
        SecurityProperties.User user = new SecurityProperties.User("dana", hash, List.of(Role.AGENT));
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("s3cret", user.encodedPassword()))
                .isTrue();
        assertThat(user.toString()).doesNotContain(hash);
    }

    @Test
    void aClearTextPasswordIsRefusedSayingHowToHashIt() {
        assertThatThrownBy(() -> new SecurityProperties.User("dana", "s3cret", List.of(Role.AGENT)))
                .hasMessageContaining("bcrypt").hasMessageNotContaining("s3cret");
    }

    @Test
    void anAccountNeedsARoleAndNamesAreUnique() {
        assertThatThrownBy(() -> new SecurityProperties.User("dana", "{noop}x", List.of())).hasMessageContaining("roles");
        SecurityProperties.User dana = new SecurityProperties.User("dana", "{noop}x", List.of(Role.AGENT));
        SecurityProperties.User other = new SecurityProperties.User("Dana", "{noop}y", List.of(Role.ADMIN));
        assertThatThrownBy(() -> new SecurityProperties(List.of(dana, other), null)).hasMessageContaining("same name");
    }

    @Test
    void signInIsPossibleWithAccountsOrEntraIdOnly() {
        assertThat(new SecurityProperties(List.of(), null).signInPossible()).isFalse();
        SecurityProperties.Oidc entra = new SecurityProperties.Oidc("contoso-tenant", null, "client", "secret", "roles",
                "AGENT", "ADMIN");
        assertThat(new SecurityProperties(List.of(), entra).signInPossible()).isTrue();
        assertThat(entra.issuer()).isEqualTo("https://login.microsoftonline.com/contoso-tenant/v2.0");
        assertThatThrownBy(() -> new SecurityProperties.Oidc("t", null, "client", "", "roles", "AGENT", "ADMIN"))
                .hasMessageContaining("client-secret");
    }
}
