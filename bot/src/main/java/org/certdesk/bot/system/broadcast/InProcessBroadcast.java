package org.certdesk.bot.system.broadcast;

import java.util.function.Consumer;

/**
 * The broadcast of a single instance (H2: a file or memory database has one instance by
 * construction): the publisher's own thread hands the payload to the listeners.
 */
public final class InProcessBroadcast implements Broadcast {
    private final Listeners listeners = new Listeners();

    @Override
    public void publish(String topic, String payload) {
        listeners.deliver(topic, payload);
    }

    @Override
    public void listen(String topic, Consumer<String> listener) {
        listeners.add(topic, listener);
    }
}
