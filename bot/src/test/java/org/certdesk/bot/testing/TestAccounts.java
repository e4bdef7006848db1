package org.certdesk.bot.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The console accounts every test application has: name, password, roles. */
public final class TestAccounts {
    public static final String[] AGENT = {"alice", "alice-password", "AGENT"};
    public static final String[] OTHER_AGENT = {"bob", "bob-password", "AGENT"};
    public static final String[] ADMIN = {"carol", "carol-password", "ADMIN"};

    private TestAccounts() {}

    /** The value of an {@code Authorization} header with HTTP Basic credentials of {@code account}. */
    public static String basic(String[] account) {
        return "Basic " + Base64.getEncoder().encodeToString((account[0] + ":" + account[1]).getBytes(StandardCharsets.UTF_8));
    }
}
