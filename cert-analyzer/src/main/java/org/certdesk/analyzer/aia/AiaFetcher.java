package org.certdesk.analyzer.aia;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import javax.net.ssl.SSLContext;

import org.certdesk.analyzer.CertificateReader;
import org.certdesk.analyzer.FetchResult;
import org.certdesk.analyzer.IssuerFetcher;
import org.certdesk.analyzer.net.AddressPolicy;
import org.certdesk.analyzer.net.RefusedAddressException;
import org.certdesk.analyzer.net.SocketDeadline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Fetches caIssuers URLs over HTTP and HTTPS with a small HTTP/1.1 client, under an {@link AddressPolicy}
 * checked at every hop, with a size cap, a redirect cap and one deadline for the whole fetch. Answers are
 * cached: successes for an hour, failures for a minute, at most 1,000 URLs; a cache hit does no network I/O.
 *
 * <p>Thread-safe. Two threads missing the cache for the same URL at once may both fetch it; the later
 * answer replaces the earlier, which is harmless for static content.
 */
public final class AiaFetcher implements IssuerFetcher {
    private static final System.Logger LOG = System.getLogger(AiaFetcher.class.getName());
    static final Duration SUCCESS_TTL = Duration.ofHours(1);
    static final Duration FAILURE_TTL = Duration.ofMinutes(1);
    static final int MAX_CACHED_URLS = 1_000;

    private final AddressPolicy policy;
    private final Duration timeout;
    private final int maxBytes;
    private final int maxRedirects;
    private final Dialer dialer;
    private final Cache<String, FetchResult> cache;
    private final LongAdder networkFetches = new LongAdder();
    private final SSLContext tls;

    private AiaFetcher(Builder builder) {
        this.policy = builder.policy;
        this.timeout = builder.timeout;
        this.maxBytes = builder.maxBytes;
        this.maxRedirects = builder.maxRedirects;
        this.dialer = builder.dialer;
        this.cache = Caffeine.newBuilder()
                .maximumSize(MAX_CACHED_URLS)
                .expireAfter(Expiry.writing((String url, FetchResult result) -> result.ok() ? SUCCESS_TTL : FAILURE_TTL))
                .ticker(builder.ticker)
                .build();
        this.tls = TrustAllTls.context();
    }

    /** A builder with the defaults: public addresses only, 5 s for the whole fetch, 64 KiB, 3 redirects. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public FetchResult fetch(String url) {
        Objects.requireNonNull(url, "url");
        FetchResult cached = cache.getIfPresent(url);
        if (cached != null) {
            return new FetchResult(cached.url(), cached.certificates(), cached.failure(), true);
        }
        long start = System.nanoTime();
        FetchResult result = download(url);
        LOG.log(Level.DEBUG, () -> "AIA " + display(url) + ": " + (result.ok() ? result.certificates().size()
                + " certificate(s)" : result.failure()) + " in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
        cache.put(url, result);
        return result;
    }

    /** How many fetches went to the network (cache misses with a valid URL), for tests and benchmarks. */
    public long networkFetches() {
        return networkFetches.sum();
    }

    private FetchResult download(String url) {
        URI current = httpUri(url);
        if (current == null) {
            return FetchResult.failed(url, "not a valid http or https URL: " + display(url));
        }
        networkFetches.increment();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int redirects = 0; ; redirects++) {
            String shown = display(current.toString());
            HttpExchange.Response response;
            try {
                response = exchange(current, shown, deadline);
            } catch (RefusedAddressException | UnknownHostException | FetchException e) {
                return FetchResult.failed(url, e.getMessage());
            } catch (IOException e) {
                boolean late = e instanceof SocketTimeoutException || System.nanoTime() - deadline >= 0;
                return FetchResult.failed(url, late ? timedOut(shown) : cannotFetch(shown, e));
            }
            int status = response.status();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                if (response.location() == null) {
                    return FetchResult.failed(url, "HTTP " + status + " from " + shown + " without a Location header");
                }
                if (redirects == maxRedirects) {
                    return FetchResult.failed(url, "more than " + maxRedirects + " redirects from " + display(url));
                }
                URI next = redirectTarget(current, response.location());
                if (next == null) {
                    return FetchResult.failed(url, "redirect from " + shown + " to a non-HTTP URL: "
                            + display(response.location()));
                }
                current = next;
                continue;
            }
            if (status != 200) {
                return FetchResult.failed(url, "HTTP " + status + " from " + shown);
            }
            try {
                return FetchResult.success(url, CertificateReader.read(response.body()));
            } catch (CertificateException e) {
                return FetchResult.failed(url, "not a certificate: " + e.getMessage() + " (" + response.body().length
                        + " bytes from " + shown + ")");
            }
        }
    }

    /** One hop: resolve under the policy, connect to the allowed address itself, GET, all before the deadline. */
    private HttpExchange.Response exchange(URI uri, String shown, long deadline) throws IOException {
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        List<InetAddress> addresses = policy.resolve(uri.getHost());
        Socket socket = connect(addresses, port, deadline);
        SocketDeadline guard = SocketDeadline.arm(socket, deadline - System.nanoTime());
        try {
            // A backstop (at least 1 ms: 0 would mean no timeout at all); the guard is the real limit.
            socket.setSoTimeout(Math.max(1, remainingMillis(deadline)));
            Socket channel = https ? TrustAllTls.layer(tls, socket, uri.getHost(), port) : socket;
            return HttpExchange.get(channel, uri, shown, maxBytes);
        } catch (IOException e) {
            throw guard.fired() ? new FetchException(timedOut(shown)) : e;
        } finally {
            guard.close();
            socket.close();
        }
    }

    /** Tries the allowed addresses in resolver order, each with what is left of the deadline. */
    private Socket connect(List<InetAddress> addresses, int port, long deadline) throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            int remaining = remainingMillis(deadline);
            if (remaining <= 0) {
                break;
            }
            try {
                return dialer.connect(new InetSocketAddress(address, port), remaining);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last != null ? last : new IOException("deadline passed before connecting");
    }

    private String timedOut(String shown) {
        return "no complete answer from " + shown + " within " + duration(timeout);
    }

    private static String cannotFetch(String shown, IOException e) {
        String why = e instanceof ConnectException ? "connection refused"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return "cannot fetch " + shown + ": " + why;
    }

    private static int remainingMillis(long deadline) {
        long nanos = deadline - System.nanoTime();
        return nanos <= 0 ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos)));
    }

    /** The URL as a URI if it is absolute http or https with a host, else null. */
    static URI httpUri(String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static URI redirectTarget(URI current, String location) {
        try {
            return httpUri(current.resolve(new URI(location.trim())).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The URL without user info, so credentials someone put in a URL never reach a log or report. */
    static String display(String url) {
        int scheme = url.indexOf("://");
        int at = url.indexOf('@');
        int slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
        if (scheme >= 0 && at > scheme && (slash < 0 || at < slash)) {
            return url.substring(0, scheme + 3) + url.substring(at + 1);
        }
        return url;
    }

    static String size(int bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** Settings for an {@link AiaFetcher}; not thread-safe. */
    public static final class Builder {
        private AddressPolicy policy = AddressPolicy.publicOnly();
        private Duration timeout = Duration.ofSeconds(5);
        private int maxBytes = 64 * 1024;
        private int maxRedirects = 3;
        private Dialer dialer = Dialer.DIRECT;
        private Ticker ticker = Ticker.systemTicker();

        private Builder() {}

        /** Which addresses fetches may reach, checked at every redirect hop; default {@link AddressPolicy#publicOnly()}. */
        public Builder policy(AddressPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The deadline for a whole fetch, redirects included; default 5 s. */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** The largest body accepted; default 64 KiB (65536). */
        public Builder maxBytes(int maxBytes) {
            if (maxBytes <= 0 || maxBytes == Integer.MAX_VALUE) { // the reader asks for one byte more than the cap
                throw new IllegalArgumentException("maxBytes must be between 1 and " + (Integer.MAX_VALUE - 1)
                        + ", got " + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /** How many redirects one fetch follows; default 3. */
        public Builder maxRedirects(int maxRedirects) {
            if (maxRedirects < 0) {
                throw new IllegalArgumentException("maxRedirects must not be negative, got " + maxRedirects);
            }
            this.maxRedirects = maxRedirects;
            return this;
        }

        Builder dialer(Dialer dialer) {
            this.dialer = Objects.requireNonNull(dialer, "dialer");
            return this;
        }

        Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        public AiaFetcher build() {
            return new AiaFetcher(this);
        }
    }
}
