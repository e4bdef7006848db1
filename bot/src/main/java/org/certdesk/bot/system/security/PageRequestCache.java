package org.certdesk.bot.system.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * Remembers, for after sign-in, only pages a person opened (a GET that is not an API call), so API
 * calls never create sessions and sign-in never lands on a JSON answer.
 */
final class PageRequestCache extends HttpSessionRequestCache {
    PageRequestCache() {
        setRequestMatcher(PageRequestCache::isPage);
    }

    private static boolean isPage(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && !ConsoleResponses.isApi(request)
                && !request.getRequestURI().contains("/v3/directline/");
    }
}
