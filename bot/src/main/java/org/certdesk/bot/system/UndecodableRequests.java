package org.certdesk.bot.system;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Answers 400, quietly, a query string or form body that cannot be percent-decoded ({@code %ZZ}, a
 * lone {@code %}, bytes that are not UTF-8). Left to the servlet container and Spring, such a request
 * failed deep in a filter: a 500 and an ERROR with a stack trace for what is only a client's mistake
 * (Spring's form filter decodes PUT, PATCH and DELETE forms for every path). A form body is read here
 * once, checked, and handed on with its parameters already parsed, so sign-in and pages see it as
 * before. Forms sent to the JSON APIs never get here: {@link RequestContentTypes} refuses them first.
 */
class UndecodableRequests extends OncePerRequestFilter {
    /** Far above the sign-in form, the only form the service takes; a larger one is no form of ours. */
    static final int MAX_FORM_BYTES = 64 * 1024;

    private final JsonMapper json;

    UndecodableRequests(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && parse(query, StandardCharsets.UTF_8, null) == null) {
            refuse(request, response, HttpStatus.BAD_REQUEST,
                    "The query string is not valid percent-encoding (a % must be followed by two hex digits of UTF-8).");
            return;
        }
        if (!isForm(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_FORM_BYTES + 1);
        if (body.length > MAX_FORM_BYTES) {
            refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, "The form is larger than this service takes.");
            return;
        }
        Charset charset = charset(request);
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if ((query != null && parse(query, StandardCharsets.UTF_8, parameters) == null)
                || parse(new String(body, StandardCharsets.ISO_8859_1), charset, parameters) == null) {
            refuse(request, response, HttpStatus.BAD_REQUEST,
                    "The form is not valid percent-encoding (a % must be followed by two hex digits).");
            return;
        }
        chain.doFilter(new ParsedForm(request, body, parameters), response);
    }

    private static boolean isForm(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            return MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED);
        } catch (InvalidMediaTypeException e) {
            return false; // refused by RequestContentTypes before this filter
        }
    }

    private static Charset charset(HttpServletRequest request) {
        try {
            return request.getCharacterEncoding() == null ? StandardCharsets.UTF_8
                    : Charset.forName(request.getCharacterEncoding());
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /**
     * Decodes {@code name=value&...} into {@code into} (when not null).
     *
     * @return {@code into} (or an empty map), or null when the text is not valid percent-encoding
     */
    static Map<String, List<String>> parse(String text, Charset charset, Map<String, List<String>> into) {
        Map<String, List<String>> parameters = into == null ? new LinkedHashMap<>() : into;
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), charset);
            String value = decode(equals < 0 ? "" : pair.substring(equals + 1), charset);
            if (name == null || value == null) {
                return null;
            }
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /** Strict percent-decoding: null for a bad escape or bytes that are not text in the charset. */
    private static String decode(String encoded, Charset charset) {
        ByteBuffer bytes = ByteBuffer.allocate(encoded.length() * 4);
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return null;
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.put((byte) (high * 16 + low));
                i += 2;
            } else if (c == '+') {
                bytes.put((byte) ' ');
            } else {
                bytes.put(String.valueOf(c).getBytes(charset));
            }
        }
        bytes.flip();
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemResponses.refuseUnread(request, response, json, status, detail);
    }

    /** The request with its form body read once: the body can be read again, and its parameters are parsed. */
    private static final class ParsedForm extends HttpServletRequestWrapper {
        private final byte[] body;
        private final Map<String, String[]> parameters = new LinkedHashMap<>();

        ParsedForm(HttpServletRequest request, byte[] body, Map<String, List<String>> parsed) {
            super(request);
            this.body = body;
            parsed.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Collections.unmodifiableMap(parameters);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the form was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), charset(this)));
        }
    }
}
