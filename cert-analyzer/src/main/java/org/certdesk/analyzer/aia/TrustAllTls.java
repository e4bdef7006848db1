package org.certdesk.analyzer.aia;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for https caIssuers URLs, trusting any server. That is safe here because the fetcher only
 * transports bytes: a fetched certificate is accepted later only if it verifies the signature of the
 * certificate that named the URL, which no man-in-the-middle can forge. Verifying the server instead
 * would fail exactly when AIA matters (a CA whose own chain the JDK cannot build).
 */
final class TrustAllTls {
    private TrustAllTls() {}

    static SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides TLS", e);
        }
    }

    /** Runs the handshake over {@code socket}, with SNI when {@code host} is a name. */
    static SSLSocket layer(SSLContext context, Socket socket, String host, int port) throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        boolean literal = host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        if (!literal) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(host.endsWith(".") ? host.substring(0, host.length() - 1) : host)));
            } catch (IllegalArgumentException e) {
                // A name SNI cannot carry (an underscore, say): go without, as browsers do.
                parameters.setServerNames(List.of());
            }
        } else {
            parameters.setServerNames(List.of());
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    /** Accepts every chain and checks no host name. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
