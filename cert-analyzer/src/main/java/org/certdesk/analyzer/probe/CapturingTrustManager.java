package org.certdesk.analyzer.probe;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
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
    private volatile String protocol;
    private volatile String cipherSuite;

    /** The chain as the server sent it, or null if the handshake never got that far. */
    X509Certificate[] chain() {
        return chain;
    }

    /** The protocol being negotiated when the chain arrived, or null. */
    String protocol() {
        return protocol;
    }

    /** The cipher suite being negotiated when the chain arrived, or null. */
    String cipherSuite() {
        return cipherSuite;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // Noted now because a handshake can still fail after the chain arrived, leaving no session to ask.
        if (socket instanceof SSLSocket ssl && ssl.getHandshakeSession() != null) {
            protocol = ssl.getHandshakeSession().getProtocol();
            cipherSuite = ssl.getHandshakeSession().getCipherSuite();
        }
        keep(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        keep(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        keep(chain);
    }

    private void keep(X509Certificate[] chain) {
        if (chain != null && chain.length > 0) { // an empty chain counts as none: CAPTURED promises certificates
            this.chain = chain.clone();
        }
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
