package org.certdesk.analyzer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.certdesk.analyzer.CertificateFacts;
import org.certdesk.analyzer.CertificateReader;

/**
 * Android's system CA store for each API level (24, Android 7.0, to the newest bundled).
 *
 * <p>Where AOSP shipped a release's store in two states (the first GA tag and the newest security
 * update, for Android 11 to 14), the store of that API level holds only the anchors present in both:
 * what every device of that version trusts, patched or not. A root removed by a security update (the
 * TrustCor roots in 2023) or added by one therefore counts as missing on that level.
 *
 * <p>Immutable and thread-safe; {@link #bundled()} parses the bundled data once.
 */
public final class AndroidTrustStores {
    /** The data stays beside the store builder's README, where tools/build-android-store.py writes it. */
    private static final String RESOURCE_DIR = "truststore/android/";

    private final NavigableMap<Integer, TrustStore> byApiLevel;
    private final TrustStore everyLevel;

    private AndroidTrustStores(NavigableMap<Integer, TrustStore> byApiLevel) {
        if (byApiLevel.isEmpty()) {
            throw new IllegalArgumentException("an Android trust store set needs at least one API level");
        }
        this.byApiLevel = Collections.unmodifiableNavigableMap(byApiLevel);
        Map<String, X509Certificate> union = new HashMap<>();
        for (TrustStore store : byApiLevel.values()) {
            for (X509Certificate anchor : store.anchors()) {
                union.putIfAbsent(CertificateFacts.sha256(anchor), anchor);
            }
        }
        this.everyLevel = new TrustStore("any Android release", union.values());
    }

    /** The stores bundled with the analyzer, from AOSP (provenance beside the data, in {@code android/README.md}). */
    public static AndroidTrustStores bundled() {
        return Bundled.INSTANCE;
    }

    /**
     * Stores made from the given anchors per API level, for tests and for a company that knows its
     * devices' stores better (an OEM build, say).
     */
    public static AndroidTrustStores of(Map<Integer, ? extends Collection<X509Certificate>> anchorsByApiLevel) {
        NavigableMap<Integer, TrustStore> stores = new TreeMap<>();
        anchorsByApiLevel.forEach((api, anchors) -> stores.put(api, new TrustStore(AndroidVersion.label(api), anchors)));
        return new AndroidTrustStores(stores);
    }

    public int newestApiLevel() {
        return byApiLevel.lastKey();
    }

    public Set<Integer> apiLevels() {
        return byApiLevel.keySet();
    }

    /**
     * The store of {@code apiLevel}.
     *
     * @throws IllegalArgumentException if no store is known for that level; the message lists the known ones
     */
    public TrustStore forApiLevel(int apiLevel) {
        TrustStore store = byApiLevel.get(apiLevel);
        if (store == null) {
            throw new IllegalArgumentException("no Android CA store for API level " + apiLevel
                    + "; known levels: " + byApiLevel.firstKey() + " (Android " + AndroidVersion.release(byApiLevel.firstKey())
                    + ") to " + byApiLevel.lastKey() + " (Android " + AndroidVersion.release(byApiLevel.lastKey()) + ")");
        }
        return store;
    }

    /** Every anchor of every level: where to look for a root this phone lacks but newer ones have. */
    public TrustStore anyLevel() {
        return everyLevel;
    }

    /** The API levels whose store holds {@code certificate} as an anchor (by subject and key). */
    public Set<Integer> levelsContaining(X509Certificate certificate) {
        Set<Integer> levels = new TreeSet<>();
        byApiLevel.forEach((api, store) -> {
            if (store.contains(certificate)) {
                levels.add(api);
            }
        });
        return levels;
    }

    /** The API levels whose store lacks {@code certificate}. */
    public Set<Integer> levelsLacking(X509Certificate certificate) {
        Set<Integer> levels = new TreeSet<>(byApiLevel.keySet());
        levels.removeAll(levelsContaining(certificate));
        return levels;
    }

    /** Loads the bundled data once, on first use. */
    private static final class Bundled {
        static final AndroidTrustStores INSTANCE = load();

        private static AndroidTrustStores load() {
            try {
                Map<String, X509Certificate> bySha256 = new HashMap<>();
                for (X509Certificate certificate : CertificateReader.read(resource("anchors.pem"))) {
                    bySha256.put(CertificateFacts.sha256(certificate), certificate);
                }
                Map<String, Integer> apiOfRelease = new HashMap<>();
                Map<Integer, List<String>> releasesOfApi = new TreeMap<>();
                for (String row : lines("sources.tsv")) {
                    String[] columns = row.split("\t");
                    int api = Integer.parseInt(columns[1]);
                    apiOfRelease.put(columns[0], api);
                    releasesOfApi.computeIfAbsent(api, k -> new ArrayList<>()).add(columns[0]);
                }
                // For each release, the anchors present in it; then per API level, the intersection.
                Map<String, Set<X509Certificate>> byRelease = new HashMap<>();
                for (String row : lines("presence.tsv")) {
                    String[] columns = row.split("\t");
                    X509Certificate certificate = bySha256.get(columns[0].replace(":", "").toLowerCase());
                    if (certificate == null) {
                        throw new IllegalStateException("presence.tsv names a certificate missing from anchors.pem: " + columns[0]);
                    }
                    for (String release : columns[7].split(",")) {
                        byRelease.computeIfAbsent(release, k -> new LinkedHashSet<>()).add(certificate);
                    }
                }
                Map<Integer, Set<X509Certificate>> byApi = new TreeMap<>();
                releasesOfApi.forEach((api, releases) -> {
                    Set<X509Certificate> common = new LinkedHashSet<>(byRelease.getOrDefault(releases.get(0), Set.of()));
                    releases.forEach(release -> common.retainAll(byRelease.getOrDefault(release, Set.of())));
                    byApi.put(api, common);
                });
                return of(byApi);
            } catch (IOException | CertificateException | RuntimeException e) {
                throw new IllegalStateException("bundled Android CA store is unreadable: " + e.getMessage(), e);
            }
        }

        private static byte[] resource(String name) throws IOException {
            try (InputStream in = AndroidTrustStores.class.getResourceAsStream(RESOURCE_DIR + name)) {
                if (in == null) {
                    throw new IOException("missing resource " + RESOURCE_DIR + name);
                }
                return in.readAllBytes();
            }
        }

        private static List<String> lines(String name) throws IOException {
            List<String> lines = new String(resource(name), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank()).toList();
            return lines.subList(1, lines.size()); // header
        }
    }
}
