package org.certdesk.bot.findings;

import java.time.Instant;
import java.util.List;

/**
 * A problem of a sign-in server, raised once while checks see it, closed when a later check does not.
 *
 * @param androidLevels the Android API levels it affects, ascending
 * @param employeesAffected employees whose chat analysis met it since it was opened
 */
public record ServerFinding(long id, String host, int port, String code, String certificateName,
        String certificateSha256, boolean open, List<Integer> androidLevels, String detail, Instant firstSeen,
        Instant lastSeen, Instant closedAt, int employeesAffected) {

    public ServerFinding {
        androidLevels = List.copyOf(androidLevels);
    }

    /** {@code host} or {@code host:port} when not 443, as admins write it. */
    public String target() {
        return port == 443 ? host : host + ":" + port;
    }
}
