package org.certdesk.bot.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security headers of one set of pages (a console and its assets, everything under a path): its
 * Content-Security-Policy, no MIME sniffing, no referrer. On every file under the path, not only on
 * the page's own mapping, so that a page reachable as a static file too is never served without its
 * policy. Each feature declares a component extending it, with its own path and policy (a filter
 * component is registered for every request).
 */
public class PageSecurityHeaders extends OncePerRequestFilter {
    private final String path;
    private final String contentSecurityPolicy;

    /** @param path e.g. {@code /admin}: that path and everything under it */
    public PageSecurityHeaders(String path, String contentSecurityPolicy) {
        this.path = path;
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String requested = request.getRequestURI().substring(request.getContextPath().length());
        return !(requested.equals(path) || requested.startsWith(path + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }
}
