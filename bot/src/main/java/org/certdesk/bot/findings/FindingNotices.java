package org.certdesk.bot.findings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.certdesk.bot.helpdesk.HelpdeskNotices;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.system.CertdeskProperties;
import org.certdesk.dialogs.engine.Message;
import org.springframework.stereotype.Component;

/**
 * Tells the helpdesk's Teams channel (where escalations go) that a finding was opened, with the fix,
 * or closed. The card goes through the outbox in the transaction that opened or closed the finding,
 * so it is posted exactly when that happened: once.
 */
@Component
class FindingNotices {
    private final HelpdeskNotices helpdesk;
    private final String pageUrl;

    FindingNotices(HelpdeskNotices helpdesk, CertdeskProperties properties) {
        this.helpdesk = helpdesk;
        String base = properties.publicBaseUrl().toString();
        this.pageUrl = (base.endsWith("/") ? base : base + "/") + "admin/insights";
    }

    void opened(ServerFinding finding, Instant now) {
        String locale = helpdesk.locale();
        List<Message.Fact> facts = facts(finding, locale);
        facts.add(new Message.Fact(FindingTexts.FIX.in(locale), ServerFixes.of(finding).in(locale)));
        helpdesk.post(new Outbound.Notice(FindingTexts.OPENED_TITLE.format(locale, finding.id(), finding.target(),
                FindingTexts.code(finding.code(), locale)), facts, FindingTexts.OPEN_PAGE.in(locale),
                pageUrl + "#finding-" + finding.id(), locale), now);
    }

    void closed(ServerFinding finding, Instant now) {
        String locale = helpdesk.locale();
        List<Message.Fact> facts = facts(finding, locale);
        facts.add(new Message.Fact(FindingTexts.EMPLOYEES.in(locale), Integer.toString(finding.employeesAffected())));
        helpdesk.post(new Outbound.Notice(FindingTexts.CLOSED_TITLE.format(locale, finding.id(), finding.target(),
                FindingTexts.code(finding.code(), locale)), facts, FindingTexts.OPEN_PAGE.in(locale),
                pageUrl + "#finding-" + finding.id(), locale), now);
    }

    private static List<Message.Fact> facts(ServerFinding finding, String locale) {
        List<Message.Fact> facts = new ArrayList<>();
        facts.add(new Message.Fact(FindingTexts.SERVER.in(locale), finding.target()));
        if (finding.certificateName() != null) {
            facts.add(new Message.Fact(FindingTexts.CERTIFICATE.in(locale), finding.certificateSha256() == null
                    ? finding.certificateName()
                    : finding.certificateName() + " (SHA-256 " + finding.certificateSha256() + ")"));
        }
        facts.add(new Message.Fact(FindingTexts.ANDROID.in(locale), ServerFixes.releases(finding.androidLevels())));
        return facts;
    }
}
