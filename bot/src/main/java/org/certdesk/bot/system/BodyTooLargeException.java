package org.certdesk.bot.system;

import java.io.IOException;

/**
 * Thrown while reading a request body that turns out larger than the limit (no or a false
 * Content-Length). An {@link IOException}, because it surfaces from {@code InputStream.read};
 * {@link ApiProblems} answers it with 413.
 */
public class BodyTooLargeException extends IOException {
    private final long limit;

    BodyTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** What the 413 answer says. */
    public String detail() {
        return ApiProblems.tooLarge(limit);
    }
}
