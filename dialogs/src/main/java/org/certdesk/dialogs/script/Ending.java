package org.certdesk.dialogs.script;

/** Marks a terminal state. {@code reason} is the escalation reason code; {@code null} when resolved. */
public record Ending(Kind kind, String reason, Position at) {

    public enum Kind { RESOLVED, ESCALATED }
}
