package org.certdesk.bot.findings;

import java.util.Locale;

/**
 * A problem of a sign-in server as one check saw it: what a finding is made of. Its {@link #key()}
 * names it across checks and instances: the host, the problem and the certificate.
 *
 * @param code the analyzer's verdict code ({@code INCOMPLETE_CHAIN}...), or {@value ServerProblems#EXPIRES_SOON}
 * @param certificateName the certificate concerned (CN, else O), or null for the host itself
 * @param certificateSha256 lowercase hex, or null when the analyzer only knows its name
 * @param detail a technical line for the admin (dates, where a certificate was fetched)
 */
public record FoundProblem(String host, int port, String code, String certificateName, String certificateSha256,
        String detail) {
    private static final int MAX_KEY = 900;

    String key() {
        String certificate = certificateSha256 != null ? certificateSha256
                : certificateName != null ? "name:" + certificateName : "-";
        String key = host.toLowerCase(Locale.ROOT) + ":" + port + "|" + code + "|" + certificate;
        return key.length() <= MAX_KEY ? key : key.substring(0, MAX_KEY);
    }
}
