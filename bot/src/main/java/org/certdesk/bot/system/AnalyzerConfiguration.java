package org.certdesk.bot.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.certdesk.analyzer.CertAnalyzer;
import org.certdesk.analyzer.Target;
import org.certdesk.analyzer.CertificateReader;
import org.certdesk.bot.system.CertdeskProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link CertAnalyzer} of the service (shared: it caches diagnoses and AIA fetches) and the
 * hosts it checks, from {@code certdesk.analyzer.*}. A bad host or an unreadable trusted-root file
 * stops the start with a message naming it.
 */
@Configuration(proxyBeanMethods = false)
class AnalyzerConfiguration {

    @Bean(destroyMethod = "close")
    CertAnalyzer certAnalyzer(CertdeskProperties properties) {
        CertdeskProperties.Analyzer settings = properties.analyzer();
        return CertAnalyzer.builder()
                .allowPrivate(settings.allowPrivate())
                .connectTimeout(settings.connectTimeout())
                .handshakeTimeout(settings.handshakeTimeout())
                .cacheTtl(settings.cacheTtl())
                .trustedRoots(trustedRoots(settings.trustedRoots()))
                .build();
    }

    @Bean
    AnalyzerTargets analyzerTargets(CertdeskProperties properties) {
        CertdeskProperties.Analyzer settings = properties.analyzer();
        List<Target> targets = new ArrayList<>();
        settings.hosts().stream().filter(host -> !host.isBlank()).map(Target::parse).forEach(targets::add);
        if (settings.adfsHost() != null && !settings.adfsHost().isBlank()) {
            targets.add(Target.parse(settings.adfsHost()));
        }
        if (targets.isEmpty()) {
            throw new IllegalStateException("certdesk.analyzer.hosts is empty: the analyzer has nothing to check");
        }
        return new AnalyzerTargets(targets.stream().distinct().toList());
    }

    private static List<X509Certificate> trustedRoots(List<String> files) {
        List<X509Certificate> roots = new ArrayList<>();
        for (String file : files) {
            try {
                roots.addAll(CertificateReader.read(Files.readAllBytes(Path.of(file))));
            } catch (IOException | CertificateException e) {
                throw new IllegalStateException("certdesk.analyzer.trusted-roots: cannot read '" + file + "': "
                        + e.getMessage(), e);
            }
        }
        return roots;
    }
}
