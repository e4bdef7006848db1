package org.certdesk.bot.findings;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.certdesk.analyzer.HostReport;
import org.certdesk.analyzer.Report;
import org.certdesk.bot.actions.AnalysisLog;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.conversation.TurnNotes;
import org.certdesk.bot.helpdesk.CaseFacts;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.dialogs.engine.Message;
import org.springframework.stereotype.Component;

/**
 * The employee's side of the findings: an employee's analysis is recorded (for the dashboard) and
 * matched against the open findings; the turn that steps its result then tells the employee the IT
 * team knows and is fixing it, and a case the conversation opens carries the findings' numbers.
 */
@Component
class ChatFindings implements AnalysisLog, TurnNotes, CaseFacts {
    private final FindingStore findings;
    private final AnalyzerResults results;
    private final WatchSettings settings;

    ChatFindings(FindingStore findings, AnalyzerResults results, WatchSettings settings) {
        this.findings = findings;
        this.results = results;
        this.settings = settings;
    }

    /**
     * After an employee's analysis, outside any transaction (each row stands alone; an analysis run
     * again after a crash records its encounters once).
     *
     * @param turnRef the turn that will step the analysis' result
     */
    @Override
    public void analysed(ConversationKey conversation, String turnRef, Report report, Instant now) {
        for (HostReport host : report.hosts()) {
            results.record(AnalyzerResults.CHAT, host, conversation, now);
            Map<String, Long> open = findings.openKeysOn(host.host(), host.port());
            if (open.isEmpty()) {
                continue;
            }
            for (FoundProblem problem : ServerProblems.of(host, now, settings.expiryWarning())) {
                Long id = open.get(problem.key());
                if (id != null) {
                    findings.met(id, conversation, turnRef, now);
                }
            }
        }
    }

    /** What to tell the employee in the turn {@code turnRef}: one line per open finding their analysis met. */
    @Override
    public List<Outbound> notes(ConversationKey conversation, String turnRef, String locale) {
        if (turnRef == null || !turnRef.startsWith("action:")) {
            return List.of(); // only a turn that steps an action's result can follow an analysis
        }
        return findings.metIn(conversation, turnRef).stream()
                .map(f -> (Outbound) new Outbound.Say(new Message.Text(
                        FindingTexts.EMPLOYEE_NOTE.format(locale, f.target(), f.id())), locale))
                .toList();
    }

    /** On the helpdesk's card of a case: the findings its employee met, by number. */
    @Override
    public List<Message.Fact> of(ConversationKey conversation, String locale) {
        List<ServerFinding> met = findings.metBy(conversation);
        if (met.isEmpty()) {
            return List.of();
        }
        return List.of(new Message.Fact(FindingTexts.CASE_FACT.in(locale), met.stream()
                .map(f -> "#" + f.id() + " (" + f.target() + ", " + FindingTexts.code(f.code(), locale) + ")")
                .collect(Collectors.joining("; "))));
    }
}
