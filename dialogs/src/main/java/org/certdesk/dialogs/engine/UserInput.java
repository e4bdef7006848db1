package org.certdesk.dialogs.engine;

import java.util.Map;

/** What can happen to a conversation: the user's turns, the bot's action results, an agent's hand-back. */
public sealed interface UserInput {

    /**
     * Starts the conversation from the script's start state (the welcome), forgetting variables.
     *
     * @param languageTag the user's language (e.g. {@code fr-FR}), or {@code null} to keep the current one
     */
    record Start(String languageTag) implements UserInput {
    }

    /** Free text the user typed. */
    record Text(String text) implements UserInput {
        public Text {
            java.util.Objects.requireNonNull(text, "text");
        }
    }

    /** A button press or card submit, carrying the {@link Message.Option#id()}. */
    record Choice(String choiceId) implements UserInput {
        public Choice {
            java.util.Objects.requireNonNull(choiceId, "choiceId");
        }
    }

    /**
     * The result of an {@link ActionRequest}. {@code variables} must hold every variable the
     * outcome declares in the catalogue; others are ignored.
     */
    record ActionResult(String requestId, String action, String outcome, Map<String, String> variables)
            implements UserInput {
        public ActionResult {
            variables = Map.copyOf(variables);
        }
    }

    /** A language change from outside the chat text (e.g. a settings button). */
    record SwitchLocale(String languageTag) implements UserInput {
    }

    /** An agent hands the conversation back to the bot at {@code stateId}, variables kept. */
    record Resume(String stateId) implements UserInput {
    }
}
