package org.certdesk.bot.system.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes HTTP Basic credentials always checked. Spring's Basic filter skips them when the session
 * is already signed in under the same name, so a session cookie with that name and a wrong
 * password was served as the session's user (and, as Basic requests need no CSRF token, could
 * change things). Here a request that presents Basic credentials starts with no one signed in for
 * this request (the session keeps its user): the credentials are checked, and a wrong password
 * is a 401, whatever else the request carries.
 */
final class BasicCredentialsChecked extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            SecurityContextHolder.getContextHolderStrategy().clearContext();
        }
        chain.doFilter(request, response);
    }
}
