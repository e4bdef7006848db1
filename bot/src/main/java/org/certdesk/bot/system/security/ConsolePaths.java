package org.certdesk.bot.system.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The paths of the agent console and the admin pages, in one place: the role rules, the "console
 * off" answer, the CSRF cookie and the sign-in prompts all have to agree on them.
 */
final class ConsolePaths {
    static final String[] AGENT = {"/agent", "/agent/**", "/api/agent/**"};
    static final String[] ADMIN = {"/admin", "/admin/**", "/api/admin/**"};

    private ConsolePaths() {}

    /** The request's path without the context path. */
    static String of(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    static boolean agent(String path) {
        return under(path, "/agent") || path.startsWith("/api/agent/");
    }

    static boolean admin(String path) {
        return under(path, "/admin") || path.startsWith("/api/admin/");
    }

    /** The consoles, their APIs and the sign-in page: what a person signs in for. */
    static boolean console(String path) {
        return agent(path) || admin(path) || path.equals("/login");
    }

    /** {@code root} itself or anything below it, but not {@code /agentX}. */
    static boolean under(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }

    /** The patterns, for Spring Security's matchers. */
    static List<String> patterns() {
        return List.of("/agent/**", "/api/agent/**", "/admin/**", "/api/admin/**", "/login", "/logout");
    }
}
