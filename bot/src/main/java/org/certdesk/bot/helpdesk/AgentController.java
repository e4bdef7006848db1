package org.certdesk.bot.helpdesk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The helpdesk API under {@code /api/agent} (role AGENT, enforced by the security configuration): the
 * console uses it, and so can scripts with HTTP Basic. The only way case data leaves the service.
 */
@RestController
@RequestMapping("/api/agent")
class AgentController {
    private final CaseStore cases;
    private final AgentDesk desk;
    private final Transcript transcript;
    private final CaseReport report;
    private final CaseEvents events;
    private final Clock clock;

    AgentController(CaseStore cases, AgentDesk desk, Transcript transcript, CaseReport report, CaseEvents events,
            Clock clock) {
        this.cases = cases;
        this.desk = desk;
        this.transcript = transcript;
        this.report = report;
        this.events = events;
        this.clock = clock;
    }

    /** @param id optional, chosen by the client (e.g. a UUID): sending the same message again does nothing */
    record Text(String text, String id) {
    }

    record ReturnTo(String state) {
    }

    /**
     * @param status {@code open} (queued, the default), {@code taken}, {@code active} (both),
     *     {@code closed} or {@code all}
     */
    @GetMapping("/cases")
    List<Map<String, Object>> list(@RequestParam(name = "status", defaultValue = "open") String status,
            HttpServletRequest request) {
        Set<HelpdeskCase.Status> statuses = switch (status.toLowerCase(Locale.ROOT)) {
            case "open" -> EnumSet.of(HelpdeskCase.Status.OPEN);
            case "taken" -> EnumSet.of(HelpdeskCase.Status.TAKEN);
            case "active" -> EnumSet.of(HelpdeskCase.Status.OPEN, HelpdeskCase.Status.TAKEN);
            case "closed" -> EnumSet.of(HelpdeskCase.Status.RESOLVED, HelpdeskCase.Status.RETURNED,
                    HelpdeskCase.Status.CANCELLED);
            case "all" -> EnumSet.allOf(HelpdeskCase.Status.class);
            default -> throw CaseProblem.badRequest("status doit valoir open, taken, active, closed ou all.",
                    "status must be open, taken, active, closed or all.");
        };
        Instant now = clock.instant();
        return cases.list(statuses).stream().map(c -> summary(c, now, language(request))).toList();
    }

    @GetMapping("/cases/{id}")
    Map<String, Object> get(@PathVariable("id") long id, HttpServletRequest request) {
        HelpdeskCase c = cases.find(id).orElseThrow(() -> CaseProblem.notFound(id));
        Map<String, Object> body = summary(c, clock.instant(), language(request));
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Transcript.Line line : transcript.lines(c.conversation())) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("author", line.author());
            item.put("name", line.name());
            item.put("text", line.text());
            item.put("at", line.at().toString());
            item.put("case", line.caseId());
            lines.add(item);
        }
        body.put("transcript", lines);
        body.put("states", c.active() ? desk.resumableStates(c) : List.of());
        return body;
    }

    @PostMapping("/cases/{id}/take")
    Map<String, Object> take(@PathVariable("id") long id, Authentication authentication, HttpServletRequest request) {
        return summary(desk.take(id, Agent.of(authentication)), clock.instant(), language(request));
    }

    @PostMapping("/cases/{id}/messages")
    ResponseEntity<Void> say(@PathVariable("id") long id, @RequestBody Text body, Authentication authentication) {
        desk.say(id, Agent.of(authentication), body == null ? null : body.text(), body == null ? null : body.id());
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    @PostMapping("/cases/{id}/resolve")
    Map<String, Object> resolve(@PathVariable("id") long id, Authentication authentication,
            HttpServletRequest request) {
        desk.resolve(id, Agent.of(authentication));
        return get(id, request);
    }

    @PostMapping("/cases/{id}/return")
    Map<String, Object> giveBack(@PathVariable("id") long id, @RequestBody ReturnTo body, Authentication authentication,
            HttpServletRequest request) {
        desk.giveBack(id, Agent.of(authentication), body == null ? null : body.state());
        return get(id, request);
    }

    /** Who is signed in: the account cases are assigned to, and the name employees read. */
    @GetMapping("/me")
    Map<String, Object> me(Authentication authentication) {
        Agent agent = Agent.of(authentication);
        return Map.of("account", agent.account(), "displayName", agent.displayName());
    }

    /** Server-sent events: {@code queue} and {@code message}, with a case id (see {@link CaseEvents}). */
    @GetMapping(path = "/events", produces = "text/event-stream")
    SseEmitter events() {
        return events.subscribe();
    }

    @ExceptionHandler(CaseProblem.class)
    ResponseEntity<ProblemDetail> problem(CaseProblem problem, HttpServletRequest request) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.status(), problem.detail(language(request)));
        if (problem.takenBy() != null) {
            detail.setProperty("takenBy", problem.takenBy());
        }
        if (problem.states() != null) {
            detail.setProperty("states", problem.states());
        }
        return ResponseEntity.status(problem.status()).body(detail);
    }

    /**
     * The agent's language, from Accept-Language (the console sends its own); English without one,
     * whatever the server's default locale.
     */
    private static Locale language(HttpServletRequest request) {
        return request.getHeader("Accept-Language") == null ? Locale.ENGLISH : request.getLocale();
    }

    /** @param locale the agent's: the words of {@code reasonText} and {@code verdictText} */
    private Map<String, Object> summary(HelpdeskCase c, Instant now, Locale locale) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", c.id());
        body.put("status", c.status().name().toLowerCase(Locale.ROOT));
        body.put("reason", c.reason());
        body.put("reasonText", HelpdeskTexts.reason(c.reason(), locale.toLanguageTag()));
        body.put("locale", c.locale());
        Map<String, Object> employee = new LinkedHashMap<>();
        employee.put("name", c.employee().name());
        employee.put("teamsId", c.employee().teamsId());
        employee.put("aadObjectId", c.employee().aadObjectId());
        employee.put("tenantId", c.employee().tenantId());
        employee.put("channel", c.employee().channel());
        employee.put("conversationId", c.conversation().conversationId());
        body.put("employee", employee);
        body.put("androidVersion", c.androidVersion());
        body.put("verdict", c.variables().get("verdict"));
        body.put("verdictText", HelpdeskTexts.verdict(c.variables().get("verdict"), locale.toLanguageTag()));
        body.put("reportSummary", c.variables().get("report_summary"));
        body.put("missingCertificates", report.missing(c).stream().map(m -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", m.name());
            item.put("sha256", m.sha256());
            item.put("downloadUrl", m.downloadUrl());
            return item;
        }).toList());
        body.put("createdAt", c.createdAt().toString());
        body.put("takenBy", c.takenBy());
        body.put("takenByName", c.agentName());
        body.put("takenAt", c.takenAt() == null ? null : c.takenAt().toString());
        body.put("closedAt", c.closedAt() == null ? null : c.closedAt().toString());
        body.put("returnState", c.returnState());
        Instant waitedUntil = c.takenAt() != null ? c.takenAt() : c.closedAt() != null ? c.closedAt() : now;
        body.put("waitSeconds", Math.max(0, Duration.between(c.createdAt(), waitedUntil).toSeconds()));
        return body;
    }
}
