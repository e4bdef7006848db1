package org.certdesk.bot.system;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses, with a 415 problem and before anything reads the body, request bodies of a kind no
 * endpoint takes: multipart (with or without a boundary) anywhere, and forms on the APIs
 * ({@code /api/**}, {@code /v3/**}: JSON, and YAML for scripts). Left to Spring, the multipart
 * parser and the form filter (which decodes PUT forms for every path) failed with a 500 on such
 * bodies, and an endpoint whose body is optional could take a multipart request for an empty one.
 * The sign-in form ({@code POST /login}) is a form and is not an API.
 */
class RequestContentTypes extends OncePerRequestFilter {
    private final JsonMapper json;

    RequestContentTypes(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType == null || contentType.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            refuse(request, response, "The Content-Type header is not a valid media type.");
            return;
        }
        if ("multipart".equals(type.getType())) {
            refuse(request, response, "This service takes no multipart bodies: send JSON"
                    + (isApi(request) ? "" : " or a form") + ".");
            return;
        }
        if (isApi(request) && type.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            refuse(request, response, "This endpoint takes JSON (YAML for scripts), not a form.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length()).toLowerCase(Locale.ROOT);
        return path.startsWith("/api/") || path.startsWith("/v3/");
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        // The body is left unread: closing spares reading what we refuse.
        ProblemResponses.refuseUnread(request, response, json, HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail);
    }
}
