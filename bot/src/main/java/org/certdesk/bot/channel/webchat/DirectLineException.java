package org.certdesk.bot.channel.webchat;

import java.util.Locale;

import org.springframework.http.HttpStatus;

/**
 * A Direct Line request refused, with the status botframework-directlinejs acts on (403: the token
 * expired or is not for this conversation; 404: the conversation is gone; other 4xx: stop) and a
 * reason a person can act on, in French and English ({@link DirectLineTexts}).
 * {@link DirectLineErrors} turns it into a problem JSON in the request's language; the exception's
 * own message is the English text (for logs).
 *
 * @see DirectLineErrors
 */
class DirectLineException extends RuntimeException {
    private final HttpStatus status;
    private final String code;
    private final DirectLineTexts text;
    private final transient Object[] args;
    private final Long retryAfterSeconds;

    private DirectLineException(HttpStatus status, String code, Long retryAfterSeconds, DirectLineTexts text,
            Object... args) {
        // An expected answer: no stack trace to fill.
        super(text.format(Locale.ENGLISH.toLanguageTag(), args), null, false, false);
        this.status = status;
        this.code = code;
        this.text = text;
        this.args = args.clone();
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

    /** The reason in {@code languageTag}'s language: French for a French tag, English otherwise. */
    String message(String languageTag) {
        return text.format(languageTag, args);
    }

    static DirectLineException badRequest(DirectLineTexts text, Object... args) {
        return new DirectLineException(HttpStatus.BAD_REQUEST, "BadArgument", null, text, args);
    }

    static DirectLineException unauthorized(String code, DirectLineTexts text) {
        return new DirectLineException(HttpStatus.UNAUTHORIZED, code, null, text);
    }

    static DirectLineException forbidden(String code, DirectLineTexts text, Object... args) {
        return new DirectLineException(HttpStatus.FORBIDDEN, code, null, text, args);
    }

    static DirectLineException notFound(String conversationId) {
        return new DirectLineException(HttpStatus.NOT_FOUND, "NotFound", null, DirectLineTexts.NO_CONVERSATION,
                conversationId);
    }

    static DirectLineException tooLarge(long limit) {
        return new DirectLineException(HttpStatus.CONTENT_TOO_LARGE, "MessageSizeTooBig", null,
                DirectLineTexts.TOO_LARGE, limit);
    }

    static DirectLineException tooManyConversations(int perMinute, long retryAfterSeconds) {
        return new DirectLineException(HttpStatus.TOO_MANY_REQUESTS, "TooManyRequests", retryAfterSeconds,
                DirectLineTexts.TOO_MANY_CONVERSATIONS, perMinute);
    }

    static DirectLineException notRecorded() {
        return new DirectLineException(HttpStatus.SERVICE_UNAVAILABLE, "ServiceUnavailable", null,
                DirectLineTexts.NOT_RECORDED);
    }
}
