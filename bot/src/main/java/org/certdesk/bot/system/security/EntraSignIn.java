package org.certdesk.bot.system.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

/**
 * Sign-in with Entra ID (OpenID Connect, authorization code flow), on when
 * {@code certdesk.security.oidc.client-id} is set. The app roles of the ID token's {@code roles}
 * claim give AGENT and ADMIN; anybody else of the tenant who signs in is only an employee (enough
 * for a web chat that requires sign-in, nothing more).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("certdesk.security.oidc.client-id")
class EntraSignIn {
    static final String REGISTRATION_ID = "entra";

    /** Reads the issuer's OpenID metadata at start-up: a wrong tenant or issuer fails the start, saying which. */
    @Bean
    ClientRegistrationRepository clientRegistrationRepository(SecurityProperties properties) {
        SecurityProperties.Oidc oidc = properties.oidc();
        ClientRegistration registration;
        try {
            registration = ClientRegistrations.fromIssuerLocation(oidc.issuer()).registrationId(REGISTRATION_ID)
                    .clientId(oidc.clientId()).clientSecret(oidc.clientSecret()).scope("openid", "profile", "email")
                    .clientName("Microsoft").build();
        } catch (RuntimeException e) {
            throw new IllegalStateException("certdesk.security.oidc: cannot read the OpenID metadata of issuer "
                    + oidc.issuer() + ": " + e.getMessage(), e);
        }
        return new InMemoryClientRegistrationRepository(registration);
    }

    @Bean
    GrantedAuthoritiesMapper entraRoles(SecurityProperties properties) {
        return authorities -> roles(authorities, properties.oidc());
    }

    static Set<GrantedAuthority> roles(Collection<? extends GrantedAuthority> authorities, SecurityProperties.Oidc oidc) {
        Set<GrantedAuthority> mapped = new HashSet<>(authorities);
        mapped.add(new SimpleGrantedAuthority("ROLE_EMPLOYEE"));
        for (GrantedAuthority authority : authorities) {
            if (authority instanceof OidcUserAuthority user && user.getIdToken().getClaim(oidc.rolesClaim()) instanceof List<?> roles) {
                for (Object role : roles) {
                    if (oidc.agentRole().equals(role)) {
                        mapped.add(new SimpleGrantedAuthority(Role.AGENT.authority()));
                    }
                    if (oidc.adminRole().equals(role)) {
                        mapped.add(new SimpleGrantedAuthority(Role.ADMIN.authority()));
                    }
                }
            }
        }
        return mapped;
    }
}
