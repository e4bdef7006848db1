package org.certdesk.dialogs.script;

import java.util.Set;
import java.util.regex.Pattern;

/** The naming rules of scripts, shared by the loader, the linter and templates. */
public final class Ids {

    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    /** {@code area.verb-object}, e.g. {@code cert.lookup-by-name}. */
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9]*\\.[a-z][a-z0-9]*(-[a-z0-9]+)*");
    /** Words YAML 1.1 tools read as booleans: an id spelled so changes meaning in another tool. */
    private static final Set<String> YAML11_BOOLEANS =
            Set.of("y", "n", "yes", "no", "on", "off", "true", "false");

    private Ids() {
    }

    public static boolean isSnakeCase(String id) {
        return SNAKE.matcher(id).matches();
    }

    public static boolean isKebabCase(String id) {
        return KEBAB.matcher(id).matches();
    }

    public static boolean isActionName(String id) {
        return ACTION.matcher(id).matches();
    }

    public static boolean isYaml11Boolean(String id) {
        return YAML11_BOOLEANS.contains(id.toLowerCase(java.util.Locale.ROOT));
    }
}
