package org.certdesk.dialogs.script;

/** A reference to a state by id, with where it was written (so the linter can point at a typo). */
public record Ref(String state, Position at) {
}
