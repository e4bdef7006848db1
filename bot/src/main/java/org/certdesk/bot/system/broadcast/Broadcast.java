package org.certdesk.bot.system.broadcast;

import java.util.function.Consumer;

/**
 * Short signals for every instance of the bot on the same database, this one included: what one
 * instance did that the others must tell their own clients (a console event). Best effort, at most
 * once: a signal missed (a listener reconnecting) is caught up by whoever relies on it another way.
 */
public interface Broadcast {
    /** Sends {@code payload} (a few ASCII characters) on {@code topic} to the listeners of every instance. */
    void publish(String topic, String payload);

    /** Calls {@code listener} for each payload published on {@code topic}, on a thread of the broadcast. */
    void listen(String topic, Consumer<String> listener);
}
