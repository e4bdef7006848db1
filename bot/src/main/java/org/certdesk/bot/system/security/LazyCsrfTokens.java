package org.certdesk.bot.system.security;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;

/**
 * Spring Security's single-page-application CSRF handling ({@code csrf.spa()}) without its one
 * eager step. {@code spa()} loads the token on every request so that its cookie always goes out:
 * every activity Teams posted to {@code /api/messages} cost two secure random draws (a new token,
 * then its masked form) and came back with an {@code XSRF-TOKEN} cookie Teams has no use for.
 * Here the token is loaded where it is read: on the consoles and the sign-in page ({@link CsrfCookie}),
 * and wherever a page renders {@code _csrf}. What it accepts is the same as {@code spa()}: the raw
 * token in the {@code X-XSRF-TOKEN} header (the consoles' scripts copy it from the cookie), the
 * masked one in a form field (the sign-in form).
 */
final class LazyCsrfTokens implements CsrfTokenRequestHandler {
    private final CsrfTokenRequestHandler plain = new CsrfTokenRequestAttributeHandler();
    private final CsrfTokenRequestHandler masked = new XorCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
        // Masked when rendered into a page (BREACH); the attribute name stays "_csrf", so nothing is
        // loaded here (spa() clears it, which makes the handler load the token to learn the name).
        masked.handle(request, response, token);
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
        String header = request.getHeader(token.getHeaderName());
        return (StringUtils.hasText(header) ? plain : masked).resolveCsrfTokenValue(request, token);
    }
}
