package org.certdesk.dialogs.engine;

import org.certdesk.dialogs.script.Choice;
import org.certdesk.dialogs.script.Globals;
import org.certdesk.dialogs.script.Intent;
import org.certdesk.dialogs.script.Transition;

/** What a piece of free text was understood as. */
sealed interface Meaning {

    /** The label or a phrase of a choice. */
    record Pick(Choice choice) implements Meaning {
    }

    /** A phrase of a state's intent. */
    record Typed(Intent intent) implements Meaning {
    }

    /**
     * A global intent or an answer to the human offer: {@code kind} is HELP, RESTART, HUMAN,
     * LANGUAGE (with the target {@code locale}), OFFER_ACCEPT or OFFER_DECLINE.
     */
    record Global(Transition.Kind kind, String locale) implements Meaning {
    }

    /** A description of the problem the script solves (its {@code global.topic}). */
    record Topic() implements Meaning {
    }

    /** A greeting, thanks… ({@code global.small_talk}). */
    record SmallTalk(Globals.SmallTalk talk) implements Meaning {
    }
}
