package org.certdesk.analyzer;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The JDK's default CA store: stands for "a desktop browser would trust this" in reports. */
final class JdkTrustStore {
    private JdkTrustStore() {}

    static TrustStore load() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final TrustStore INSTANCE = read();

        private static TrustStore read() {
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                for (TrustManager manager : factory.getTrustManagers()) {
                    if (manager instanceof X509TrustManager x509) {
                        return new TrustStore("desktop (JDK CA store)", List.of(x509.getAcceptedIssuers()));
                    }
                }
                return new TrustStore("desktop (JDK CA store)", List.<X509Certificate>of());
            } catch (Exception e) {
                throw new IllegalStateException("JDK CA store is unreadable: " + e.getMessage(), e);
            }
        }
    }
}
