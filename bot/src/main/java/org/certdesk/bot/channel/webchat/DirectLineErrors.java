package org.certdesk.bot.channel.webchat;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the Direct Line endpoint's refusals as problem JSON, like the rest of the bot, plus a
 * {@code code} (Direct Line's error codes, e.g. {@code TokenExpired}). Ordered first so that a
 * catch-all advice elsewhere does not turn them into 500s.
 */
@RestControllerAdvice(basePackageClasses = DirectLineErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DirectLineErrors {

    @ExceptionHandler(DirectLineException.class)
    ResponseEntity<ProblemDetail> refused(DirectLineException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setProperty("code", e.code());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.retryAfterSeconds() != null) {
            response.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return response.body(problem);
    }
}
