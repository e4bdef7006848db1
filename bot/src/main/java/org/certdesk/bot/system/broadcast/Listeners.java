package org.certdesk.bot.system.broadcast;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners of each topic, and handing them a payload without letting one break the others. */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
    private final Map<String, List<Consumer<String>>> byTopic = new ConcurrentHashMap<>();

    void add(String topic, Consumer<String> listener) {
        byTopic.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
    }

    void deliver(String topic, String payload) {
        for (Consumer<String> listener : byTopic.getOrDefault(topic, List.of())) {
            try {
                listener.accept(payload);
            } catch (RuntimeException e) {
                LOG.warn("a listener of broadcast topic {} failed", topic, e);
            }
        }
    }
}
