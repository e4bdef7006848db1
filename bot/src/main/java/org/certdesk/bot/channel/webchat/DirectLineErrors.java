package org.certdesk.bot.channel.webchat;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.certdesk.bot.system.Languages;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the Direct Line endpoint's refusals as problem JSON, like the rest of the bot, plus a
 * {@code code} (Direct Line's error codes, e.g. {@code TokenExpired}). The {@code detail} is in the
 * request's language: French when the browser's first language ({@code Accept-Language}, which the
 * browser sends with Web Chat's requests and which the page's own language comes from) is French,
 * English otherwise; {@code Content-Language} says which. Ordered first so that a catch-all advice
 * elsewhere does not turn them into 500s.
 */
@RestControllerAdvice(basePackageClasses = DirectLineErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DirectLineErrors {

    @ExceptionHandler(DirectLineException.class)
    ResponseEntity<ProblemDetail> refused(DirectLineException e, HttpServletRequest request) {
        String language = Languages.isFrench(firstLanguage(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE))) ? "fr" : "en";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.message(language));
        problem.setProperty("code", e.code());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status())
                .header(HttpHeaders.CONTENT_LANGUAGE, language);
        if (e.retryAfterSeconds() != null) {
            response.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return response.body(problem);
    }

    /** The most wanted language of an {@code Accept-Language} value, or null (none, or unreadable). */
    static String firstLanguage(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return null;
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage); // by weight, highest first
            return ranges.isEmpty() || ranges.get(0).getWeight() == 0 ? null : ranges.get(0).getRange();
        } catch (IllegalArgumentException e) {
            return null; // a malformed header: the default language rather than a refusal of the refusal
        }
    }
}
