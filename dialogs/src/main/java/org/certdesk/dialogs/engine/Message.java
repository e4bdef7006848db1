package org.certdesk.dialogs.engine;

import java.util.List;

/**
 * What the bot says, independent of any channel: Teams renders choices (a question with its
 * buttons) and facts as Adaptive Cards, the web chat choices as one activity with suggested actions. Texts are plain text (channels escape them for their
 * markup). Switch on {@link #kind()}.
 */
public sealed interface Message {

    enum Kind { TEXT, CHOICES, FACTS, DOWNLOAD }

    Kind kind();

    /** A chat message. */
    record Text(String text) implements Message {
        @Override
        public Kind kind() {
            return Kind.TEXT;
        }
    }

    /**
     * A question and its buttons, one chat bubble: {@code text} is the question (plain text, as
     * {@link Text}), {@code null} when the buttons follow something else (a download card). A press
     * comes back as {@link UserInput.Choice} with the option's id.
     */
    record Choices(String text, List<Option> options) implements Message {
        public Choices {
            options = List.copyOf(options);
        }

        /** Buttons without a question of their own. */
        public Choices(List<Option> options) {
            this(null, options);
        }

        @Override
        public Kind kind() {
            return Kind.CHOICES;
        }
    }

    record Option(String id, String label) {
    }

    /** Label/value pairs, such as a certificate's name and fingerprint. */
    record Facts(List<Fact> facts) implements Message {
        public Facts {
            facts = List.copyOf(facts);
        }

        @Override
        public Kind kind() {
            return Kind.FACTS;
        }
    }

    record Fact(String label, String value) {
    }

    /** A file to download, with the SHA-256 fingerprint the user can compare. */
    record Download(String url, String fileName, String sha256) implements Message {
        @Override
        public Kind kind() {
            return Kind.DOWNLOAD;
        }
    }
}
