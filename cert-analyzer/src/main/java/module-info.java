/**
 * Names the certificate an Android phone lacks to trust a sign-in host.
 *
 * <p>Only {@code org.certdesk.analyzer} is API: {@code CertAnalyzer} and the report types, plus the
 * certificate helpers a caller needs (reading, fingerprints, names, Android releases and stores). The
 * feature packages (probe, aia, chain, diagnosis, net, x509, cli) use each other's public types, so Java's
 * package-private cannot hide them; this module exports none of them, and {@code ApiBoundaryTests}
 * checks the compiled classes for the same on the class path, where a module boundary does not hold.
 * The command line ({@code cli.AnalyzerCommand}) is the one other entry, run as a jar's main class.
 */
module org.certdesk.analyzer {
    requires com.github.benmanes.caffeine;
    requires info.picocli;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    // Only for the benchmark among the tests (its local AIA server), which compile inside this module.
    requires static jdk.httpserver;

    exports org.certdesk.analyzer;

    // picocli fills the command's annotated private fields by reflection.
    opens org.certdesk.analyzer.cli to info.picocli;
}
