package org.certdesk.analyzer;

/**
 * Fetches the certificates published at an AIA caIssuers URL. A fetched certificate proves nothing by
 * itself: callers accept one only if it verifies the signature of the certificate that pointed to it.
 */
@FunctionalInterface
public interface IssuerFetcher {
    /**
     * Fetches {@code url}.
     *
     * @return the certificates or the reason there are none; never null. Network trouble, refused
     *     addresses and unparseable bodies are reported as a failed result, not thrown.
     * @throws NullPointerException if {@code url} is null
     */
    FetchResult fetch(String url);
}
