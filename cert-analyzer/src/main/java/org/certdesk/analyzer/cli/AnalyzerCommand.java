package org.certdesk.analyzer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.certdesk.analyzer.AndroidVersion;
import org.certdesk.analyzer.CertAnalyzer;
import org.certdesk.analyzer.CertificateReader;
import org.certdesk.analyzer.HostReport;
import org.certdesk.analyzer.ProblemCode;
import org.certdesk.analyzer.Report;
import org.certdesk.analyzer.Target;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar cert-analyzer.jar [--android API] [--trust ROOT.pem]... [--allow-private] [--json] HOST[:PORT]...}
 * or {@code --chain FILE --host NAME}. Results go to stdout, progress and errors to stderr.
 * Exit 0: OK; 1: a problem found; 2: a host could not be analysed, or bad usage.
 */
@Command(name = "cert-analyzer", mixinStandardHelpOptions = true, version = "cert-analyzer 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Names the certificate an Android phone lacks to trust a host (Company Portal: \"a certificate is missing\").",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:OK: this Android release trusts every host", "1:a problem was found",
            "2:a host could not be analysed (unreachable, not TLS, refused address), or bad usage"})
public final class AnalyzerCommand implements Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_PROBLEM = 1;
    static final int EXIT_UNANALYSED = 2;

    @Parameters(paramLabel = "HOST[:PORT]", arity = "0..*", description = "Hosts to check (port 443 by default).")
    private List<String> hosts = new ArrayList<>();

    @Option(names = "--android", paramLabel = "API",
            description = "Android API level (24-36) or release (7.1, 11, 12L); default: the newest.")
    private String android;

    @Option(names = "--trust", paramLabel = "ROOT.pem", description = "Extra root(s) the phones trust (PEM or DER); repeatable.")
    private List<Path> trustedRoots = new ArrayList<>();

    @Option(names = "--allow-private", description = "Allow loopback, private and link-local addresses (internal servers).")
    private boolean allowPrivate;

    @Option(names = "--json", description = "Print one JSON object instead of the readable report.")
    private boolean json;

    @Option(names = "--lang", paramLabel = "fr|en", description = "Language of the readable report (default: en).")
    private String language = "en";

    @Option(names = "--chain", paramLabel = "FILE", description = "Analyze a saved chain (PEM or DER, leaf first) instead of connecting.")
    private Path chainFile;

    @Option(names = "--host", paramLabel = "NAME", description = "With --chain: the host name the phone connects to.")
    private String chainHost;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "TCP connect timeout (default: 5).")
    private double connectTimeout = 5;

    @Option(names = "--handshake-timeout", paramLabel = "SECONDS", description = "TLS handshake deadline (default: 10).")
    private double handshakeTimeout = 10;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the given streams; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new AnalyzerCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(e -> EXIT_UNANALYSED);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            err.println("cert-analyzer: " + e.getMessage());
            err.println("Try 'cert-analyzer --help'.");
            return EXIT_UNANALYSED;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("cert-analyzer: " + e.getMessage());
            return EXIT_UNANALYSED;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((chainFile == null) == hosts.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give either HOST[:PORT]... or --chain FILE --host NAME");
        }
        if (chainFile != null && chainHost == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--chain needs --host NAME (the host the phone connects to)");
        }
        CertAnalyzer.Builder builder = CertAnalyzer.builder()
                .allowPrivate(allowPrivate)
                .connectTimeout(seconds(connectTimeout, "--connect-timeout"))
                .handshakeTimeout(seconds(handshakeTimeout, "--handshake-timeout"))
                .trustedRoots(readRoots());
        try (CertAnalyzer analyzer = builder.build()) {
            int apiLevel = apiLevel(analyzer);
            Report report;
            if (chainFile != null) {
                List<X509Certificate> chain = readCertificates(chainFile, "--chain");
                report = Report.of(apiLevel, List.of(analyzer.analyzeChain(chain, chainHost, apiLevel)));
            } else {
                List<Target> targets = new ArrayList<>();
                for (String host : hosts) {
                    targets.add(parseTarget(host));
                }
                err.println("Checking " + String.join(", ", targets.stream().map(Target::toString).toList()) + " for "
                        + AndroidVersion.label(apiLevel) + " …");
                report = analyzer.analyze(targets, apiLevel);
            }
            out.print(json ? ReportJson.of(report) : new TextReport(language).render(report));
            out.flush();
            return exitCode(report);
        }
    }

    static int exitCode(Report report) {
        boolean unanalysed = report.hosts().stream().map(HostReport::verdict).anyMatch(ProblemCode::stopsAnalysis);
        if (unanalysed) {
            return EXIT_UNANALYSED;
        }
        return report.verdict() == ProblemCode.OK ? EXIT_OK : EXIT_PROBLEM;
    }

    private int apiLevel(CertAnalyzer analyzer) {
        if (android == null) {
            return analyzer.newestApiLevel();
        }
        int level;
        try {
            int number = Integer.parseInt(android.trim());
            // Below 24 no API level is supported, so a small number is a release ("11" = Android 11).
            level = number >= 24 ? number : AndroidVersion.apiLevelOf(android);
        } catch (NumberFormatException e) {
            try {
                level = AndroidVersion.apiLevelOf(android);
            } catch (IllegalArgumentException unknown) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--android: " + unknown.getMessage());
            }
        } catch (IllegalArgumentException unknown) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--android: " + unknown.getMessage());
        }
        if (!analyzer.androidStores().apiLevels().contains(level)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--android: no CA store for API level " + level
                    + "; known: " + analyzer.androidStores().apiLevels());
        }
        return level;
    }

    private Target parseTarget(String text) {
        try {
            return Target.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private List<X509Certificate> readRoots() {
        List<X509Certificate> roots = new ArrayList<>();
        for (Path file : trustedRoots) {
            roots.addAll(readCertificates(file, "--trust"));
        }
        return roots;
    }

    private List<X509Certificate> readCertificates(Path file, String option) {
        try {
            return CertificateReader.read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": cannot read " + file + ": " + e.getMessage());
        } catch (CertificateException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + file + " holds no usable certificate: "
                    + e.getMessage());
        }
    }

    private Duration seconds(double value, String option) {
        if (!(value > 0) || value > 300) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be between 0 and 300 seconds: " + value);
        }
        return Duration.ofMillis((long) (value * 1000));
    }
}
