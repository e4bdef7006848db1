package org.certdesk.analyzer.probe;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts any server chain and keeps it exactly as received. Judging the chain is the analyzer's job,
 * after capture; rejecting it here would lose the very chains we are asked about. Being an
 * X509ExtendedTrustManager matters: the JDK wraps a plain X509TrustManager with its own host name and
 * algorithm checks, which would abort the handshake on a wrong host or a SHA-1 intermediate.
 * One instance per handshake.
 */
final class CapturingTrustManager extends X509ExtendedTrustManager {
    private volatile X509Certificate[] chain;

    /** The chain as the server sent it, or null if the handshake never got that far. */
    X509Certificate[] chain() {
        return chain;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        this.chain = chain.clone();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        this.chain = chain.clone();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        this.chain = chain.clone();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("the probe is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("the probe is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the probe is a client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
