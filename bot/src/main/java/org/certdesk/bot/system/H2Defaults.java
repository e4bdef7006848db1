package org.certdesk.bot.system;

/**
 * What H2 must be told before its first class loads: it reads these system properties once. Applied
 * from {@code main}; what the operator set ({@code -Dh2.objectCache=true}) is kept.
 */
public final class H2Defaults {
    private H2Defaults() {
    }

    public static void apply() {
        // H2's object cache shares equal values: every string a statement is given or a page gives back
        // (a conversation's whole state, a transcript line) is hashed in full and looked up in a table of
        // 1,024. A turn's strings are hardly ever equal to a recent one; the look-ups were 4.9 % of the
        // request threads' CPU samples under load (docs/performance.md).
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
    }
}
