package org.certdesk.bot.helpdesk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.certdesk.bot.actions.MissingCertificates;
import org.certdesk.bot.certificates.CertificateLinks;
import org.springframework.stereotype.Component;

/**
 * The analyzer's findings for a case, as the helpdesk reads them: verdict, summary, and every missing
 * certificate with its fingerprint and a link to download it (the agent's own: opening it records
 * nothing on the employee's conversation).
 */
@Component
class CaseReport {
    /** @param sha256 null when the analyzer could not obtain it; then {@code downloadUrl} is null too */
    record Certificate(String name, String sha256, String downloadUrl) {
    }

    private final MissingCertificates findings;
    private final CertificateLinks links;

    CaseReport(MissingCertificates findings, CertificateLinks links) {
        this.findings = findings;
        this.links = links;
    }

    /** Every certificate found missing in the case's conversation; at least the one the dialog kept. */
    List<Certificate> missing(HelpdeskCase helpdeskCase) {
        Map<String, Certificate> missing = new LinkedHashMap<>();
        Map<String, String> variables = helpdeskCase.variables();
        String firstSha256 = variables.get("missing_sha256");
        if (variables.get("missing_name") != null) {
            // Not the employee's link (missing_download_url): that one carries their conversation token.
            missing.put(firstSha256 != null ? firstSha256 : variables.get("missing_name"), new Certificate(
                    variables.get("missing_name"), firstSha256, agentLink(firstSha256)));
        }
        for (MissingCertificates.Found found : findings.of(helpdeskCase.conversation())) {
            missing.putIfAbsent(found.sha256() != null ? found.sha256() : found.name(), new Certificate(found.name(),
                    found.sha256(), agentLink(found.sha256())));
        }
        return new ArrayList<>(missing.values());
    }

    private String agentLink(String sha256) {
        return sha256 == null ? null : links.downloadUrlWithoutConversation(sha256);
    }
}
