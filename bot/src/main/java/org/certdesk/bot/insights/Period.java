package org.certdesk.bot.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Whole days, UTC, first and last included: what the dashboard's period selector asks for. */
record Period(LocalDate first, LocalDate last) {
    Period {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("the period ends before it starts");
        }
    }

    Instant from() {
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Exclusive: the start of the day after the last. */
    Instant to() {
        return last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    long days() {
        return last.toEpochDay() - first.toEpochDay() + 1;
    }
}
