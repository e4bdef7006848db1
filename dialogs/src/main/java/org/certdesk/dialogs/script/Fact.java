package org.certdesk.dialogs.script;

/** One label/value line of a facts block (e.g. a fingerprint); {@code value} is a template. */
public record Fact(Localized label, String value, Position at) {
}
