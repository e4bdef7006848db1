package org.certdesk.analyzer.diagnosis;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import org.certdesk.analyzer.Advice;
import org.certdesk.analyzer.LocalizedText;

/**
 * The wording of findings in French and English, from {@code advice_fr/en.properties}. Each finding
 * key has a summary, employee advice and admin advice. Placeholders are named ({host}, {name},
 * {android}, {detail}) and filled verbatim: the texts are plain text, and channels escape them for
 * their markup.
 */
final class AdviceCatalog {
    private static final Properties FR = load("advice_fr.properties");
    private static final Properties EN = load("advice_en.properties");

    private AdviceCatalog() {}

    static LocalizedText summary(String key, Map<String, String> values) {
        return text(key + ".summary", values);
    }

    static Advice advice(String key, Map<String, String> values) {
        return new Advice(text(key + ".employee", values), text(key + ".admin", values));
    }

    static Properties french() {
        return FR;
    }

    static Properties english() {
        return EN;
    }

    private static LocalizedText text(String key, Map<String, String> values) {
        return new LocalizedText(fill(lookup(FR, key), values), fill(lookup(EN, key), values));
    }

    private static String lookup(Properties bundle, String key) {
        String text = bundle.getProperty(key);
        if (text == null) {
            throw new IllegalStateException("advice text missing: " + key);
        }
        return text;
    }

    private static String fill(String template, Map<String, String> values) {
        String text = template;
        for (var entry : values.entrySet()) {
            text = text.replace("{" + entry.getKey() + "}", entry.getValue() == null ? "" : entry.getValue());
        }
        return text;
    }

    private static Properties load(String name) {
        Properties properties = new Properties();
        try (InputStream in = AdviceCatalog.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
        return properties;
    }
}
