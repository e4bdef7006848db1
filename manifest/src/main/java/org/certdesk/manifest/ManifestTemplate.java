package org.certdesk.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code teams/manifest.json} (a resource) with the settings. The texts live in JSON files that
 * read like the uploaded package, rather than in Java, so a reviewer sees what Teams will show; only
 * the deployment's values are {@code {{placeholders}}} (not Maven's ${...}, which the build would
 * try to resolve itself).
 */
public final class ManifestTemplate {

    static final String MANIFEST_RESOURCE = "/teams/manifest.json";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z]+)}}");

    private ManifestTemplate() {
    }

    public static String render(PackageSettings settings) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("appId", settings.value(Setting.APP_ID));
        values.put("botId", settings.value(Setting.BOT_ID));
        values.put("version", settings.value(Setting.APP_VERSION));
        values.put("domain", settings.domain());
        values.put("developerName", settings.value(Setting.DEVELOPER_NAME));
        values.put("websiteUrl", settings.value(Setting.DEVELOPER_WEBSITE_URL));
        values.put("privacyUrl", settings.value(Setting.DEVELOPER_PRIVACY_URL));
        values.put("termsUrl", settings.value(Setting.DEVELOPER_TERMS_URL));
        values.put("accentColor", IconPainter.ACCENT_HEX);
        return fill(resource(MANIFEST_RESOURCE), values);
    }

    /** Replaces each {{name}} by its JSON-escaped value; an unknown name is a bug in the template. */
    static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for {{" + matcher.group(1) + "}} in the manifest template");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(jsonEscape(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Escapes for the inside of a JSON string: values come from the command line and may hold anything. */
    static String jsonEscape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    static String resource(String name) {
        try (InputStream in = ManifestTemplate.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
