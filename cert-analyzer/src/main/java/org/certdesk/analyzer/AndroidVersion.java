package org.certdesk.analyzer;

import java.util.Map;

/** Names of Android releases by API level, as people say them ("Android 7.1"). */
public final class AndroidVersion {
    private static final Map<Integer, String> RELEASES = Map.ofEntries(
            Map.entry(24, "7.0"), Map.entry(25, "7.1"), Map.entry(26, "8.0"), Map.entry(27, "8.1"),
            Map.entry(28, "9"), Map.entry(29, "10"), Map.entry(30, "11"), Map.entry(31, "12"),
            Map.entry(32, "12L"), Map.entry(33, "13"), Map.entry(34, "14"), Map.entry(35, "15"),
            Map.entry(36, "16"));

    private AndroidVersion() {}

    /** "7.1" for 25; "API 40" for a level this table does not know yet. */
    public static String release(int apiLevel) {
        return RELEASES.getOrDefault(apiLevel, "API " + apiLevel);
    }

    /** "Android 7.1 (API 25)". */
    public static String label(int apiLevel) {
        return "Android " + release(apiLevel) + " (API " + apiLevel + ")";
    }

    /**
     * The API level of a release a person names: "11", "7.1", "7.1.1", "12L", "Android 10".
     *
     * @throws IllegalArgumentException if the text names no known release
     */
    public static int apiLevelOf(String release) {
        String text = release.trim().replaceFirst("(?i)^android\\s*", "");
        for (var entry : RELEASES.entrySet()) {
            if (entry.getValue().equalsIgnoreCase(text)) {
                return entry.getKey();
            }
        }
        String[] parts = text.split("\\.");
        if (parts.length >= 2) {
            String majorMinor = parts[0] + "." + parts[1];
            for (var entry : RELEASES.entrySet()) {
                if (entry.getValue().equals(majorMinor)) {
                    return entry.getKey();
                }
            }
            if (parts[1].equals("0")) {
                return apiLevelOf(parts[0]);
            }
        }
        throw new IllegalArgumentException("unknown Android release: " + release);
    }
}
