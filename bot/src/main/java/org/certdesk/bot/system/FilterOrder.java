package org.certdesk.bot.system;

import org.springframework.core.Ordered;

/**
 * Where this service's servlet filters run, first to last: the checks every request gets, then the
 * channel endpoints served by a filter of their own, then the rest. Spring Security's chain and
 * Spring MVC come after all of them.
 */
public final class FilterOrder {
    /** A body of a kind no endpoint takes (multipart, forms on the APIs): 415. */
    public static final int CONTENT_TYPES = Ordered.HIGHEST_PRECEDENCE + 5;
    /** A query string or form body that cannot be decoded: 400. */
    public static final int UNDECODABLE = Ordered.HIGHEST_PRECEDENCE + 6;
    /** A body over the limit: 413. */
    public static final int BODY_LIMIT = Ordered.HIGHEST_PRECEDENCE + 10;
    /** An endpoint answered by a filter, after the checks above and before the web framework. */
    public static final int CHANNEL_ENDPOINT = Ordered.HIGHEST_PRECEDENCE + 11;
    /** Answers held back until what they report is on disk. */
    public static final int DURABLE_ANSWERS = Ordered.HIGHEST_PRECEDENCE + 20;

    private FilterOrder() {
    }
}
