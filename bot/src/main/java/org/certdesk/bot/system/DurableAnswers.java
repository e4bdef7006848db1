package org.certdesk.bot.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.certdesk.bot.shared.DurableWrites;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Answers a request that changed something (an agent's message, a taken case, a published script)
 * only once the change is on disk: its answer is held back until the store's next group write
 * ({@link DurableWrites}), so "saved" is never said of something a crash can still lose. Employees'
 * activities are not held here: the inbox waits for the write itself, without copying the answer.
 */
@Component
@Order(FilterOrder.DURABLE_ANSWERS)
class DurableAnswers extends OncePerRequestFilter {
    private final DurableWrites durable;

    DurableAnswers(DurableWrites durable) {
        this.durable = durable;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        String path = request.getRequestURI();
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method)
                || !(path.startsWith("/api/agent/") || path.startsWith("/api/admin/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The body is kept until the write: a converter flushes what it writes, which would answer early.
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, held);
            if (held.getStatus() < 400) {
                durable.awaitDurable();
            }
        } finally {
            held.copyBodyToResponse();
        }
    }
}
