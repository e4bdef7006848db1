package org.certdesk.bot.certificates;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.certdesk.analyzer.AndroidVersion;

/**
 * Reads the Android release from a User-Agent: {@code Mozilla/5.0 (Linux; Android 13; Pixel 7) …},
 * {@code AndroidDownloadManager/11 (Linux; U; Android 11; …)}, {@code Android 7.1.1;}.
 *
 * <p>Chrome's reduced User-Agent (since Chrome 110) always says {@code Android 10; K}, whatever the
 * release: that exact form is ignored, as are releases the analyzer has no store for (before 7.0).
 */
final class AndroidUserAgent {
    private static final Pattern ANDROID = Pattern.compile("Android[ /](\\d{1,2}(?:\\.\\d{1,2}){0,2}L?)\\s*[;)]");
    private static final Pattern REDUCED = Pattern.compile("Android 10; K[;)]");

    private AndroidUserAgent() {}

    static OptionalInt apiLevel(String userAgent) {
        if (userAgent == null || userAgent.length() > 1024 || REDUCED.matcher(userAgent).find()) {
            return OptionalInt.empty();
        }
        Matcher matcher = ANDROID.matcher(userAgent);
        if (!matcher.find()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(AndroidVersion.apiLevelOf(matcher.group(1)));
        } catch (IllegalArgumentException e) {
            return OptionalInt.empty(); // Android 6 or older, or a release not in the table yet
        }
    }
}
