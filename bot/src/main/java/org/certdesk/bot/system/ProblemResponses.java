package org.certdesk.bot.system;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an RFC 9457 problem answer from outside Spring MVC (a servlet filter), in the shape
 * {@link ApiProblems} and Spring give the controllers' errors: type, title, status, detail and the
 * request's path as instance.
 */
public final class ProblemResponses {
    private ProblemResponses() {
    }

    /** The problem, and nothing else: the caller sets any header it needs before. */
    public static void write(HttpServletRequest request, HttpServletResponse response, JsonMapper json,
            HttpStatus status, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        if (detail != null) { // left out, as Spring leaves out an empty field of a ProblemDetail
            problem.put("detail", detail);
        }
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /**
     * The problem, on a connection closed after it: for a request refused before its body was read,
     * which the client may still be sending.
     */
    public static void refuseUnread(HttpServletRequest request, HttpServletResponse response, JsonMapper json,
            HttpStatus status, String detail) throws IOException {
        response.setHeader("Connection", "close");
        write(request, response, json, status, detail);
    }
}
