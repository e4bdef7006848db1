package org.certdesk.bot.system;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The bot core's settings under {@code certdesk.*}, each with a default so that one command runs
 * everything on a laptop. {@code certdesk.bot.*} (Teams credentials) is bound by the Teams channel,
 * not here.
 *
 * @param publicBaseUrl where phones reach this service: download links in the chat are absolute
 */
@ConfigurationProperties("certdesk")
public record CertdeskProperties(
        @DefaultValue("http://localhost:3978") URI publicBaseUrl,
        @DefaultValue Analyzer analyzer,
        @DefaultValue Turns turns,
        @DefaultValue Outbox outbox,
        @DefaultValue Certificates certificates,
        @DefaultValue Limits limits) {

    /**
     * What {@code cert.analyze} checks.
     *
     * @param hosts HOST[:PORT] the Company Portal sign-in goes through
     * @param adfsHost the company's AD FS (or its Web Application Proxy) host, checked too when set
     * @param allowPrivate let the analyzer connect to loopback and private addresses (internal AD FS, tests)
     * @param trustedRoots PEM (or DER) files of roots the company's phones trust besides Android's own
     * @param cacheTtl how long a host's diagnosis is reused (0 disables the cache; unreachable hosts
     *     are retried after 30 s at most)
     */
    public record Analyzer(
            @DefaultValue({"portal.manage.microsoft.com", "login.microsoftonline.com"}) List<String> hosts,
            String adfsHost,
            @DefaultValue("false") boolean allowPrivate,
            @DefaultValue List<String> trustedRoots,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration handshakeTimeout,
            @DefaultValue("10m") Duration cacheTtl) {}

    /**
     * How turns run.
     *
     * @param workers threads running turns; one conversation uses at most one at a time
     * @param recoveryInterval how often inbox rows and actions left behind (a crash, another
     *     instance gone) are looked for; also done once at start-up. Rows waiting longer than half of
     *     it are taken over, so a dead instance's turns run elsewhere within about 1.5 times this
     * @param maxAttempts a turn that fails this often is given up, with an apology to the user
     * @param actionLease how long a slow action (the TLS probe) is presumed alive without news from
     *     its worker; renewed every third of it while the action runs, so another worker or instance
     *     runs it again this long after its instance died (plus a recovery interval)
     * @param actionMaxRun a slow action still running after this long is presumed hung: its lease is
     *     no longer renewed, so it runs again elsewhere (at most {@code max-attempts} times)
     * @param dedupeRetention how long activity ids are remembered to drop duplicate deliveries
     */
    public record Turns(
            @DefaultValue("4") int workers,
            @DefaultValue("2s") Duration recoveryInterval,
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("6s") Duration actionLease,
            @DefaultValue("2m") Duration actionMaxRun,
            @DefaultValue("7d") Duration dedupeRetention) {}

    /**
     * How replies leave.
     *
     * @param pollInterval how often the outbox is polled (besides the wake-up after each turn)
     * @param initialBackoff the wait after the first failed attempt; doubled on each retry, with jitter
     * @param maxBackoff the cap of that wait (a Retry-After asked by the remote end is honoured as is)
     * @param workers conversations delivered to in parallel; each delivery waits for the channel's
     *     answer, so this many requests to the channels are in flight at most. 4: at 100 ms a reply
     *     that is 40 replies a second, past the 30 a second Teams takes from a tenant (pacing); on 2
     *     cores 4 deliver as fast as 16 did at 64 busy conversations (docs/performance.md). Raise it
     *     for a slower connector or several tenants
     * @param lease how long a claimed entry is left to its delivery without news from its instance
     *     before another may take it: renewed every third of it while the instance holds the entry
     *     (however long the channel takes), so a dead instance's replies leave from another this
     *     long after it died (plus a poll). A restarted instance does not wait for it on its
     *     previous run's claims (OutboxDispatcher)
     * @param maxAttempts after this many attempts an entry is marked FAILED
     * @param retention how long FAILED entries are kept, for operators (a delivered entry is deleted at once)
     */
    public record Outbox(
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("5m") Duration maxBackoff,
            @DefaultValue("4") int workers,
            @DefaultValue("6s") Duration lease,
            @DefaultValue("50") int maxAttempts,
            @DefaultValue("7d") Duration retention) {}

    /**
     * Certificate downloads.
     *
     * @param tokenSecret the HMAC key of the conversation reference in download links; when empty a
     *     random one is generated on first start and kept in the database (shared by all instances)
     */
    public record Certificates(String tokenSecret) {}

    /** @param maxRequestBody the largest request body any endpoint accepts (413 beyond) */
    public record Limits(@DefaultValue("256KB") DataSize maxRequestBody) {}
}
