package org.certdesk.bot.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import org.certdesk.bot.outbox.DeliveryResult;
import org.certdesk.bot.outbox.OutboxEntry;

/**
 * The far end of the test channel, shared by every application context of the JVM (like a real
 * remote service, it outlives a restart of the bot). Tests script the answers per conversation; by
 * default every delivery is accepted.
 */
public final class FakeRemote {
    private static final FakeRemote INSTANCE = new FakeRemote();

    /** An attempt and how it was answered. */
    public record Attempt(OutboxEntry entry, DeliveryResult result, Instant at) {}

    private final Map<String, Queue<DeliveryResult>> scripted = new ConcurrentHashMap<>();
    private final Map<String, List<Attempt>> attempts = new ConcurrentHashMap<>();

    private FakeRemote() {}

    public static FakeRemote get() {
        return INSTANCE;
    }

    /** The next answers for a conversation, in order; then deliveries are accepted again. */
    public void script(String conversationId, DeliveryResult... answers) {
        scripted.computeIfAbsent(conversationId, k -> new ConcurrentLinkedQueue<>()).addAll(List.of(answers));
    }

    DeliveryResult receive(OutboxEntry entry) {
        String conversation = entry.address().conversationId();
        Queue<DeliveryResult> queue = scripted.get(conversation);
        DeliveryResult answer = queue == null || queue.isEmpty() ? DeliveryResult.sent() : queue.poll();
        attempts.computeIfAbsent(conversation, k -> new CopyOnWriteArrayList<>())
                .add(new Attempt(entry, answer, Instant.now()));
        return answer;
    }

    /** Every attempt for the conversation, answered or not. */
    public List<Attempt> attempts(String conversationId) {
        return List.copyOf(attempts.getOrDefault(conversationId, List.of()));
    }

    /** The entries the remote accepted, in the order they arrived. */
    public List<OutboxEntry> received(String conversationId) {
        List<OutboxEntry> received = new ArrayList<>();
        for (Attempt attempt : attempts(conversationId)) {
            if (attempt.result().kind() == DeliveryResult.Kind.SENT) {
                received.add(attempt.entry());
            }
        }
        return received;
    }
}
