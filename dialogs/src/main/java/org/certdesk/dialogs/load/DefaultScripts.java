package org.certdesk.dialogs.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The scripts shipped in this jar. The bot stores their YAML on first start (admins then edit the
 * stored copies), so this class hands out the text as well as the loaded script.
 */
public final class DefaultScripts {

    /** The support article "a certificate is missing on your Android device", automated. */
    public static final String ANDROID_MISSING_CERTIFICATE = "android-missing-certificate";

    private static final String FOLDER = "org/certdesk/dialogs/scripts/";

    private DefaultScripts() {
    }

    /** The ids of the shipped scripts. */
    public static List<String> ids() {
        return List.of(ANDROID_MISSING_CERTIFICATE);
    }

    /** The classpath resource holding script {@code id}. */
    public static String resource(String id) {
        if (!ids().contains(id)) {
            throw new IllegalArgumentException("no default script '" + id + "' (have: " + ids() + ")");
        }
        return FOLDER + id + ".yaml";
    }

    /** The YAML text of script {@code id}, as shipped. */
    public static String yaml(String id) {
        try (InputStream in = DefaultScripts.class.getClassLoader().getResourceAsStream(resource(id))) {
            if (in == null) {
                throw new IllegalStateException("default script '" + id + "' is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads script {@code id} with {@code loader}. */
    public static LoadResult load(String id, ScriptLoader loader) {
        return loader.load(id + ".yaml", yaml(id));
    }
}
