package org.certdesk.dialogs.testkit;

import java.util.List;
import java.util.Map;

/**
 * A conversation written down: what the user does at each step and what the bot must answer.
 * Steps stay as read from YAML; {@link TranscriptRunner} interprets them per locale, because
 * one transcript usually runs in every locale (texts given per locale, choice ids shared).
 *
 * @param locales the locales to run it in
 */
public record Transcript(String file, String name, List<String> locales, List<Map<String, Object>> steps) {

    public Transcript {
        locales = List.copyOf(locales);
        steps = List.copyOf(steps);
    }

    @Override
    public String toString() {
        return file + " (" + name + ")";
    }
}
