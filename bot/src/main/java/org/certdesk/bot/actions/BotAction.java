package org.certdesk.bot.actions;

/**
 * The bot's implementation of one action of the dialogs catalogue. Expected results, an unreachable
 * host included, are outcomes; {@link #failed} names the outcome that stands for the bot's own failure.
 */
interface BotAction {

    /** The catalogue name, e.g. {@code cert.analyze}. */
    String name();

    /**
     * Whether the action may take seconds (network): it then runs outside the turn's transaction,
     * after a typing indicator was committed.
     */
    boolean slow();

    Outcome run(ActionCall call);

    /** The declared outcome to report when {@link #run} threw. */
    Outcome failed(ActionCall call, Exception cause);
}
