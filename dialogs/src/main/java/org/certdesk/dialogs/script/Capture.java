package org.certdesk.dialogs.script;

/** Stores the user's next free text (cut to {@code maxLength} characters) in {@code variable}. */
public record Capture(String variable, int maxLength, Position at) {

    /** Long enough for any certificate name; short enough to keep the stored state small. */
    public static final int DEFAULT_MAX_LENGTH = 200;
}
