package org.certdesk.bot.certificates;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How certificate names are compared and turned into file names. People type what they read on a PC,
 * with other case, accents or spacing ("digicert global root g2", "Société Générale Root CA").
 */
public final class CertificateNames {
    private static final int MAX_FILE_STEM = 64;

    private CertificateNames() {}

    /** The name folded for comparison: accents removed, lower case, punctuation and spaces collapsed to one space. */
    public static String key(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return folded.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /**
     * A file name Android's installer and every download manager accept: ASCII letters, digits and
     * dashes, then {@code .crt} (e.g. {@code Contoso-Issuing-CA-2.crt}).
     */
    public static String fileName(String name) {
        String folded = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String stem = folded.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (stem.length() > MAX_FILE_STEM) {
            stem = stem.substring(0, MAX_FILE_STEM).replaceAll("-+$", "");
        }
        return (stem.isEmpty() ? "certificate" : stem) + ".crt";
    }
}
