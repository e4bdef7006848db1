package org.certdesk.bot.insights;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import jakarta.servlet.http.HttpServletRequest;

import org.certdesk.bot.system.Languages;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The insights dashboard (role ADMIN, see the security package): the page {@code /admin/insights}
 * (static HTML and script under static/admin/insights/), its figures as JSON
 * ({@code /api/admin/insights}) and as CSV ({@code /api/admin/insights.csv}). {@code from} and
 * {@code to} are days (UTC), both included; by default the last 30 days up to today.
 */
@Controller
class InsightsController {
    private static final int DEFAULT_DAYS = 30;

    private final InsightsQueries queries;
    private final InsightsSettings settings;
    private final Clock clock;

    InsightsController(InsightsQueries queries, InsightsSettings settings, Clock clock) {
        this.queries = queries;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/admin/insights")
    String page() {
        return "forward:/admin/insights/index.html";
    }

    @GetMapping("/admin/insights/")
    String pageWithSlash() {
        return "forward:/admin/insights/index.html";
    }

    @GetMapping(path = "/api/admin/insights", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Insights json(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to, HttpServletRequest request) {
        return queries.of(period(from, to, request), clock.instant());
    }

    @GetMapping(path = "/api/admin/insights.csv")
    ResponseEntity<String> csv(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to, HttpServletRequest request) {
        Period period = period(from, to, request);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"certdesk-insights-" + period.first()
                        + "-" + period.last() + ".csv\"")
                .body(InsightsCsv.of(queries.of(period, clock.instant())));
    }

    private Period period(String from, String to, HttpServletRequest request) {
        boolean french = Languages.isFrench(request.getLocale());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate last = to == null || to.isBlank() ? today : day(to, "to", french);
        LocalDate first = from == null || from.isBlank() ? last.minusDays(DEFAULT_DAYS - 1) : day(from, "from", french);
        if (last.isBefore(first)) {
            throw bad(french, "la période finit (to) avant de commencer (from).", "the period ends (to) before it starts (from).");
        }
        Period period = new Period(first, last);
        if (period.days() > settings.maxPeriod().toDays()) {
            throw bad(french, "la période dépasse " + settings.maxPeriod().toDays() + " jours.",
                    "the period is longer than " + settings.maxPeriod().toDays() + " days.");
        }
        return period;
    }

    private static LocalDate day(String text, String name, boolean french) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw bad(french, name + " doit être une date comme 2026-11-30.", name + " must be a date like 2026-11-30.");
        }
    }

    private static ResponseStatusException bad(boolean french, String fr, String en) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, french ? fr : en);
    }
}
