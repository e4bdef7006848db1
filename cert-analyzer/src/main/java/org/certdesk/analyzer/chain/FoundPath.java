package org.certdesk.analyzer.chain;

import java.util.List;

import javax.security.auth.x500.X500Principal;

/**
 * The best path the builder found from the leaf upward.
 *
 * @param links leaf first; the last link is the anchor when {@code end} is TRUSTED or ANCHOR_ON_OTHER_RELEASES,
 *     and the self-signed root when UNTRUSTED_ROOT
 * @param missingIssuer for MISSING_ISSUER, the issuer name nobody could supply; otherwise null
 * @param fetchFailures AIA fetches that failed on the way, as "URL: cause"
 */
public record FoundPath(List<Link> links, PathEnd end, X500Principal missingIssuer, List<String> fetchFailures) {
    public FoundPath {
        links = List.copyOf(links);
        fetchFailures = List.copyOf(fetchFailures);
    }

    /** Certificates on the path that the phone lacks, leaf side first. */
    public List<Link> missingOnDevice() {
        return links.stream().filter(Link::missingOnDevice).toList();
    }

    public boolean trusted() {
        return end == PathEnd.TRUSTED;
    }

    /** Trusted with only what the server sent plus the store: what Android itself does (it never fetches AIA). */
    public boolean trustedAsServed() {
        return trusted() && links.stream().noneMatch(link -> link.origin() == Link.Origin.FETCHED);
    }
}
