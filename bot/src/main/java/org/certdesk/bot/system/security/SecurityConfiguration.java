package org.certdesk.bot.system.security;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may open what. The channel endpoints ({@code /api/teams-webhook}, {@code /v3/directline},
 * {@code /certificates}) authenticate their callers themselves (HMAC, Direct Line tokens,
 * conversation tokens), so they stay open here and outside CSRF; Teams' {@code POST /api/messages}
 * (Bot Framework tokens) is answered by a filter of its own before this chain
 * ({@code channel.teams.MessagingEndpoint}).
 * The agent console and the admin pages need a signed-in person with the right role: a session from
 * the sign-in form (local accounts) or from Entra ID, or HTTP Basic for scripts. CSRF protection
 * covers every state-changing request made with a session; a request that brings its own Basic
 * credentials cannot be forged by another site, since browsers only send Basic credentials they were
 * asked for, and this service never asks a browser (its pages use the sign-in form).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties,
            @Value("${certdesk.webchat.require-sign-in:false}") boolean webChatSignIn,
            ConsoleResponses responses) throws Exception {
        boolean signIn = properties.signInPossible();
        http.authorizeHttpRequests(requests -> {
            requests.requestMatchers(ConsolePaths.AGENT).hasRole(Role.AGENT.name());
            requests.requestMatchers(ConsolePaths.ADMIN).hasRole(Role.ADMIN.name());
            requests.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
            requests.requestMatchers("/actuator", "/actuator/**").hasRole(Role.ADMIN.name());
            if (webChatSignIn && signIn) {
                // Outside a trusted network: the chat page and its token need a signed-in person.
                requests.requestMatchers("/", "/index.html", "/webchat/settings", "/v3/directline/tokens/generate")
                        .authenticated();
            }
            requests.anyRequest().permitAll();
        });
        http.csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                .csrfTokenRequestHandler(new LazyCsrfTokens())
                .requireCsrfProtectionMatcher(SecurityConfiguration::needsCsrfToken));
        http.addFilterAfter(new CsrfCookie(), CsrfFilter.class);
        http.addFilterBefore(new ConsoleOff(signIn, responses), CsrfFilter.class);
        http.httpBasic(basic -> basic.authenticationEntryPoint(responses::unauthorized));
        http.addFilterBefore(new BasicCredentialsChecked(), BasicAuthenticationFilter.class);
        http.formLogin(form -> form.loginPage("/login").permitAll().successHandler(new RoleHomePage())
                .failureUrl("/login?error"));
        http.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signed-out"));
        if (properties.oidc().enabled()) {
            http.oauth2Login(oauth -> oauth.loginPage("/login").successHandler(new RoleHomePage()));
        }
        LoginUrlAuthenticationEntryPoint toLoginPage = new LoginUrlAuthenticationEntryPoint("/login");
        http.exceptionHandling(errors -> errors
                .defaultAuthenticationEntryPointFor(responses::unauthorized, ConsoleResponses::isApi)
                .defaultAuthenticationEntryPointFor(toLoginPage, request -> true)
                .accessDeniedHandler(responses::forbidden));
        // The channel endpoints carry no session: do not create one for them.
        http.requestCache(cache -> cache.requestCache(new PageRequestCache()));
        return http.build();
    }

    /** Unsafe methods on the consoles, sign-in and sign-out, unless the request carries Basic credentials. */
    private static boolean needsCsrfToken(jakarta.servlet.http.HttpServletRequest request) {
        String method = request.getMethod();
        if (HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method) || HttpMethod.OPTIONS.matches(method)
                || HttpMethod.TRACE.matches(method)) {
            return false;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        return CONSOLE.matches(request);
    }

    private static final RequestMatcher CONSOLE = consoleMatcher();

    private static RequestMatcher consoleMatcher() {
        List<RequestMatcher> matchers = new ArrayList<>();
        for (String path : ConsolePaths.patterns()) {
            matchers.add(PathPatternRequestMatcher.withDefaults().matcher(path));
        }
        return request -> matchers.stream().anyMatch(m -> m.matches(request));
    }

    /**
     * No observation of the filter chain. Switching them off by property (management.observations)
     * still wrapped every filter in a decorator that names and checks it on each request: about 2 % of
     * the request threads' samples under load (JFR, when Teams' activities still went through this
     * chain), for nothing recorded.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The local accounts; empty (nobody) when none is configured, never Spring Boot's generated user. */
    @Bean
    UserDetailsService userDetailsService(SecurityProperties properties) {
        List<UserDetails> users = new ArrayList<>();
        for (SecurityProperties.User user : properties.users()) {
            users.add(User.withUsername(user.name()).password(user.encodedPassword())
                    .authorities(user.roles().stream().map(Role::authority).toArray(String[]::new)).build());
            if (user.password().startsWith("{noop}")) {
                log.warn("account {} has a clear-text {{noop}} password: for tests and local trials only", user.name());
            }
        }
        if (properties.signInPossible()) {
            log.info("sign-in: {} local account(s){}", users.size(),
                    properties.oidc().enabled() ? ", and Entra ID (" + properties.oidc().issuer() + ")" : "");
        } else {
            log.warn("no account configured (certdesk.security.users or certdesk.security.oidc): the agent console"
                    + " and the admin pages are disabled");
        }
        return new InMemoryUserDetailsManager(users);
    }
}
