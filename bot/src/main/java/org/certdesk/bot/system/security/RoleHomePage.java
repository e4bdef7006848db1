package org.certdesk.bot.system.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/** After sign-in: back to the page that asked for it, else the home of the person's role. */
final class RoleHomePage extends SavedRequestAwareAuthenticationSuccessHandler {
    RoleHomePage() {
        setRequestCache(new PageRequestCache());
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws ServletException, IOException {
        boolean agent = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(Role.AGENT.authority()::equals);
        boolean admin = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(Role.ADMIN.authority()::equals);
        setDefaultTargetUrl(agent ? "/agent/" : admin ? "/admin/" : "/");
        super.onAuthenticationSuccess(request, response, authentication);
    }
}
