package org.certdesk.bot.system.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.certdesk.bot.system.Languages;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * The answers of the security layer, in the form the caller reads: problem JSON for the APIs, a short
 * page in French and English for people.
 */
@Component
class ConsoleResponses {

    /** Called by scripts and page scripts rather than opened by a person: answered with JSON, never redirected. */
    static boolean isApi(HttpServletRequest request) {
        String path = path(request);
        return path.startsWith("/api/") || path.startsWith("/actuator") || path.startsWith("/v3/directline/");
    }

    private static String path(HttpServletRequest request) {
        return ConsolePaths.of(request);
    }

    /**
     * 401. Scripts calling the APIs are asked for Basic credentials; the consoles' own scripts (which
     * say so with a header), their live updates (an EventSource cannot send that header, but asks for
     * text/event-stream) and the web chat's are not, so a browser never prompts for a password.
     */
    void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (request.getHeader("X-Certdesk-Console") == null && !path(request).startsWith("/v3/")
                && !eventStream(request)) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"certdesk\", charset=\"UTF-8\"");
        }
        problem(response, HttpStatus.UNAUTHORIZED, "Sign-in required: sign in to the console, or send HTTP Basic"
                + " credentials of an account with the right role.");
    }

    void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (isApi(request)) {
            problem(response, HttpStatus.FORBIDDEN, e.getMessage() != null && e.getMessage().contains("CSRF")
                    ? "Missing or wrong CSRF token: reload the page." : "Your account does not have the role this"
                    + " needs (AGENT for /api/agent, ADMIN for /api/admin and /actuator).");
            return;
        }
        page(response, HttpStatus.FORBIDDEN, french(request)
                ? "Accès refusé" : "Access denied", french(request)
                ? "Votre compte n’a pas le rôle nécessaire pour cette page, ou la page a expiré : rechargez-la."
                : "Your account does not have the role this page needs, or the page expired: reload it.");
    }

    void disabled(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (isApi(request)) {
            problem(response, HttpStatus.SERVICE_UNAVAILABLE, "The agent console and the admin pages are disabled: no"
                    + " account is configured (certdesk.security.users or certdesk.security.oidc).");
            return;
        }
        page(response, HttpStatus.SERVICE_UNAVAILABLE, french(request) ? "Console désactivée" : "Console disabled",
                french(request)
                        ? "Aucun compte n’est configuré sur ce serveur (certdesk.security.users ou certdesk.security.oidc)."
                        : "No account is configured on this server (certdesk.security.users or certdesk.security.oidc).");
    }

    private static boolean eventStream(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/event-stream");
    }

    static boolean french(HttpServletRequest request) {
        return Languages.isFrench(request.getLocale());
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail.replace("\"", "\\\"") + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void page(HttpServletResponse response, HttpStatus status, String title, String text)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'");
        // The texts are ours (no user input), so no escaping is needed here.
        response.getOutputStream().write(String.format(Locale.ROOT, """
                <!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%1$s</title><link rel="stylesheet" href="/console/console.css"></head>
                <body><main class="notice"><h1>%1$s</h1><p>%2$s</p><p><a href="/login">⟵</a></p></main></body></html>
                """, title, text).getBytes(StandardCharsets.UTF_8));
    }
}
