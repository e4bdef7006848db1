package org.certdesk.dialogs.engine;

import java.util.Map;

/**
 * The conversation reached an escalated end: the bot opens a helpdesk case. {@code variables} are
 * the conversation's variables at that moment (Android version, analyzer verdict and report,
 * missing certificate), for the case.
 */
public record Handoff(String reason, Map<String, String> variables) {

    public Handoff {
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
    }
}
