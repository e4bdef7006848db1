package org.certdesk.bot.system.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/** With no account configured, the consoles answer 503 and say why, rather than a sign-in nobody can pass. */
final class ConsoleOff extends OncePerRequestFilter {
    private final boolean signInPossible;
    private final ConsoleResponses responses;

    ConsoleOff(boolean signInPossible, ConsoleResponses responses) {
        this.signInPossible = signInPossible;
        this.responses = responses;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (signInPossible) {
            return true;
        }
        return !ConsolePaths.console(ConsolePaths.of(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        responses.disabled(request, response);
    }
}
