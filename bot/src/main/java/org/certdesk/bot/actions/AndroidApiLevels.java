package org.certdesk.bot.actions;

import java.util.Set;

/**
 * Between the script's answer to "which Android version?" ({@code android_version}: {@code 11_plus},
 * {@code 7_to_10}, {@code unknown}) and the API level the analyzer checks against.
 *
 * <p>When the phone's exact level is known (its User-Agent, on a certificate download) it wins: the
 * phone knows better than its owner. Otherwise a bucket stands for its newest release, whose CA
 * store is the one most phones of the bucket run: {@code 11_plus} is the newest level bundled (36,
 * Android 16), {@code 7_to_10} is 29 (Android 10), {@code unknown} the newest. A level outside the
 * bundled stores is moved to the nearest one.
 */
public final class AndroidApiLevels {
    /** The variable of the default script holding the user's answer. */
    public static final String VARIABLE = "android_version";
    static final int ANDROID_10 = 29;
    static final int ANDROID_11 = 30;
    static final int ANDROID_7 = 24;

    private AndroidApiLevels() {}

    /** The script's bucket for an exact API level, or null below Android 7 (which the script does not cover). */
    public static String bucketOf(int apiLevel) {
        if (apiLevel >= ANDROID_11) {
            return "11_plus";
        }
        return apiLevel >= ANDROID_7 ? "7_to_10" : null;
    }

    /** The level to analyse for {@code bucket} (may be null) and the phone's exact level (may be null). */
    static int forAnalysis(String bucket, Integer exact, Set<Integer> known) {
        int newest = known.stream().max(Integer::compare).orElseThrow();
        int oldest = known.stream().min(Integer::compare).orElseThrow();
        int level;
        if (exact != null) {
            level = exact;
        } else if ("7_to_10".equals(bucket)) {
            level = ANDROID_10;
        } else {
            level = newest;
        }
        level = Math.max(oldest, Math.min(newest, level));
        while (!known.contains(level)) {
            level--; // a gap in the bundled levels: take the release before
        }
        return level;
    }
}
