package org.certdesk.analyzer;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.certdesk.analyzer.aia.AiaFetcher;
import org.certdesk.analyzer.diagnosis.Diagnoser;
import org.certdesk.analyzer.net.AddressPolicy;
import org.certdesk.analyzer.probe.ProbeResult;
import org.certdesk.analyzer.probe.TlsProbe;

/**
 * Names the certificates an Android phone lacks to trust a host: connects, captures the chain as the
 * server presents it, fetches missing issuers through AIA, builds the path against Android's CA store
 * for the phone's API level, and reports every problem with advice for the employee and the admin.
 *
 * <p>Create one with {@link #builder()} and share it: it is thread-safe, and it caches diagnoses per
 * (host, port, API level) and AIA fetches, so a repeated question does no network I/O.
 *
 * <pre>{@code
 * CertAnalyzer analyzer = CertAnalyzer.builder().build();
 * HostReport report = analyzer.analyze(Target.parse("login.example.com"), 30);
 * }</pre>
 */
public final class CertAnalyzer implements AutoCloseable {
    /** A report on an unreachable host is kept briefly: the next try should really try again. */
    private static final Duration FAILURE_TTL = Duration.ofSeconds(30);
    private static final long IDLE_THREAD_SECONDS = 5;

    private final TlsProbe probe;
    private final IssuerFetcher fetcher;
    private final Diagnoser diagnoser;
    private final Cache<CacheKey, HostReport> reports;
    private final ExecutorService hostsInParallel;

    private CertAnalyzer(Builder builder) {
        AddressPolicy policy = builder.allowPrivate ? AddressPolicy.allowingPrivate() : AddressPolicy.publicOnly();
        this.probe = new TlsProbe(policy, builder.connectTimeout, builder.handshakeTimeout);
        this.fetcher = builder.fetcher != null ? builder.fetcher
                : AiaFetcher.builder().policy(policy).timeout(builder.aiaTimeout).build();
        this.diagnoser = new Diagnoser(builder.stores, builder.trustedRoots,
                builder.desktopCheck ? JdkTrustStore.load() : null, builder.clock);
        Duration ttl = builder.cacheTtl;
        this.reports = Caffeine.newBuilder()
                .executor(Runnable::run) // upkeep in the caller: not a thread of the JVM's common pool for it
                .maximumSize(builder.cacheSize)
                .expireAfter(Expiry.<CacheKey, HostReport>creating((key, report) ->
                        report.verdict().stopsAnalysis() && FAILURE_TTL.compareTo(ttl) < 0 ? FAILURE_TTL : ttl))
                .build();
        // As a cached pool, but its threads end 5 s after their host's check rather than 60 s: checks
        // are minutes apart (an employee's, the server watch's), and a thread kept meanwhile is idle.
        this.hostsInParallel = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "cert-analyzer");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Android API level used when none is given: the newest the bundled store knows. */
    public int newestApiLevel() {
        return diagnoser.android().newestApiLevel();
    }

    public AndroidTrustStores androidStores() {
        return diagnoser.android();
    }

    /** {@link #analyze(Target, int)} for the newest Android release. */
    public HostReport analyze(Target target) {
        return analyze(target, newestApiLevel());
    }

    /**
     * Diagnoses {@code target} for an Android phone at {@code apiLevel}. Blocks for at most the connect
     * and handshake timeouts plus the AIA fetches (each bounded by its own timeout).
     *
     * @return the report; an unreachable host, a refused address or a non-TLS port is a report, not an exception
     * @throws IllegalArgumentException if no Android store is known for {@code apiLevel}
     */
    public HostReport analyze(Target target, int apiLevel) {
        Objects.requireNonNull(target, "target");
        diagnoser.android().forApiLevel(apiLevel);
        return reports.get(new CacheKey(target, apiLevel), key -> probeAndDiagnose(target, apiLevel));
    }

    /**
     * Diagnoses several hosts in parallel, for one phone.
     *
     * @return the reports in the order of {@code targets}, with the most severe verdict as the overall one
     */
    public Report analyze(List<Target> targets, int apiLevel) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no host to analyze");
        }
        diagnoser.android().forApiLevel(apiLevel);
        List<CompletableFuture<HostReport>> futures = new ArrayList<>();
        for (Target target : targets) {
            futures.add(CompletableFuture.supplyAsync(() -> analyze(target, apiLevel), hostsInParallel));
        }
        return Report.of(apiLevel, futures.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Diagnoses a chain a person pasted or saved (leaf first, as the server sends it), for {@code host}.
     * Missing issuers are still fetched through AIA; nothing is cached.
     *
     * @param host the name the phone connects to; null skips the host name check
     */
    public HostReport analyzeChain(List<X509Certificate> chain, String host, int apiLevel) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the chain holds no certificate");
        }
        String name = host == null ? null : Target.parse(host).host();
        return diagnoser.diagnose(name, Target.HTTPS_PORT, chain, apiLevel, fetcher, null, null);
    }

    private HostReport probeAndDiagnose(Target target, int apiLevel) {
        ProbeResult result = probe.probe(target.host(), target.port());
        return switch (result.status()) {
            case CAPTURED -> diagnoser.diagnose(target.host(), target.port(), result.chain(), apiLevel, fetcher,
                    result.address(), result.protocol());
            case UNREACHABLE -> diagnoser.notAnalysed(target.host(), target.port(), apiLevel, ProblemCode.UNREACHABLE, result.cause());
            case NOT_TLS -> diagnoser.notAnalysed(target.host(), target.port(), apiLevel, ProblemCode.NOT_TLS, result.cause());
            case REFUSED -> diagnoser.notAnalysed(target.host(), target.port(), apiLevel, ProblemCode.REFUSED_ADDRESS, result.cause());
        };
    }

    @Override
    public void close() {
        hostsInParallel.shutdownNow();
    }

    private record CacheKey(Target target, int apiLevel) {}

    /** Settings of a {@link CertAnalyzer}; every one has a sane default. */
    public static final class Builder {
        private boolean allowPrivate;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration aiaTimeout = Duration.ofSeconds(5);
        private Collection<X509Certificate> trustedRoots = List.of();
        private AndroidTrustStores stores;
        private IssuerFetcher fetcher;
        private Clock clock = Clock.systemUTC();
        private Duration cacheTtl = Duration.ofMinutes(10);
        private long cacheSize = 10_000;
        private boolean desktopCheck = true;

        private Builder() {}

        /** Allows loopback, private and link-local addresses (internal servers, tests). Off by default. */
        public Builder allowPrivate(boolean allow) {
            this.allowPrivate = allow;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive(timeout, "handshake timeout");
            return this;
        }

        /** The whole time one AIA fetch may take, redirects included. Ignored with {@link #issuerFetcher}. */
        public Builder aiaTimeout(Duration timeout) {
            this.aiaTimeout = positive(timeout, "AIA timeout");
            return this;
        }

        /** Extra roots the company's phones trust (a private root pushed to managed devices). */
        public Builder trustedRoots(Collection<X509Certificate> roots) {
            this.trustedRoots = List.copyOf(roots);
            return this;
        }

        /** Android's stores; defaults to the bundled AOSP data. */
        public Builder androidStores(AndroidTrustStores stores) {
            this.stores = Objects.requireNonNull(stores, "stores");
            return this;
        }

        /** Replaces the AIA fetcher (tests, or a fetcher behind a proxy). */
        public Builder issuerFetcher(IssuerFetcher fetcher) {
            this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long a diagnosis is reused (default 10 minutes); zero disables the cache. */
        public Builder cacheTtl(Duration ttl) {
            if (ttl == null || ttl.isNegative()) {
                throw new IllegalArgumentException("cache TTL must be zero or positive: " + ttl);
            }
            this.cacheTtl = ttl;
            return this;
        }

        public Builder cacheSize(long size) {
            if (size < 0) {
                throw new IllegalArgumentException("cache size must be zero or positive: " + size);
            }
            this.cacheSize = size;
            return this;
        }

        /** Whether to check the chain against the JDK store too ("a desktop browser would trust this"). On by default. */
        public Builder desktopCheck(boolean check) {
            this.desktopCheck = check;
            return this;
        }

        public CertAnalyzer build() {
            if (stores == null) {
                stores = AndroidTrustStores.bundled();
            }
            return new CertAnalyzer(this);
        }

        private static Duration positive(Duration duration, String what) {
            if (duration == null || duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive: " + duration);
            }
            return duration;
        }
    }
}
