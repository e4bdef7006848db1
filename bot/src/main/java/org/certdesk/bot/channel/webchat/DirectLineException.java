package org.certdesk.bot.channel.webchat;

import org.springframework.http.HttpStatus;

/**
 * A Direct Line request refused, with the status botframework-directlinejs acts on (403: the token
 * expired or is not for this conversation; 404: the conversation is gone; other 4xx: stop) and a
 * reason a person can act on. {@link DirectLineErrors} turns it into a problem JSON.
 *
 * @see DirectLineErrors
 */
class DirectLineException extends RuntimeException {
    private final HttpStatus status;
    private final String code;
    private final Long retryAfterSeconds;

    private DirectLineException(HttpStatus status, String code, String message) {
        this(status, code, message, null);
    }

    private DirectLineException(HttpStatus status, String code, String message, Long retryAfterSeconds) {
        super(message, null, false, false); // an expected answer: no stack trace to fill
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** For a 429: when to try again, or null. */
    Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    HttpStatus status() {
        return status;
    }

    /** A stable word for programs (the message is for people), e.g. {@code TokenExpired}. */
    String code() {
        return code;
    }

    static DirectLineException badRequest(String message) {
        return new DirectLineException(HttpStatus.BAD_REQUEST, "BadArgument", message);
    }

    static DirectLineException unauthorized(String code, String message) {
        return new DirectLineException(HttpStatus.UNAUTHORIZED, code, message);
    }

    static DirectLineException forbidden(String code, String message) {
        return new DirectLineException(HttpStatus.FORBIDDEN, code, message);
    }

    static DirectLineException notFound(String message) {
        return new DirectLineException(HttpStatus.NOT_FOUND, "NotFound", message);
    }

    static DirectLineException tooLarge(long limit) {
        return new DirectLineException(HttpStatus.CONTENT_TOO_LARGE, "MessageSizeTooBig",
                "The activity is larger than the limit of " + limit + " bytes.");
    }

    static DirectLineException tooManyRequests(String message, long retryAfterSeconds) {
        return new DirectLineException(HttpStatus.TOO_MANY_REQUESTS, "TooManyRequests", message, retryAfterSeconds);
    }

    static DirectLineException unavailable(String message) {
        return new DirectLineException(HttpStatus.SERVICE_UNAVAILABLE, "ServiceUnavailable", message);
    }
}
