package org.certdesk.bot.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.certdesk.bot.conversation.Inbound;
import org.certdesk.bot.conversation.TurnSubmitter;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.outbox.OutboxEntry;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.dialogs.engine.Message;
import org.certdesk.dialogs.engine.UserInput;

/** One user of the test channel: sends activities through the real submitter, reads what the remote received. */
public final class TestChat {
    private final TurnSubmitter submitter;
    private final ChannelAddress address;
    private int activities;
    private int read;

    public TestChat(TurnSubmitter submitter) {
        this(submitter, new ChannelAddress(TestChannel.NAME, "chat-" + UUID.randomUUID(), null, null, null,
                "user-1", "Test User", null, null, null));
    }

    /** The same user again, e.g. after a restart: replies already read before are read again. */
    public TestChat(TurnSubmitter submitter, ChannelAddress address) {
        this.submitter = submitter;
        this.address = address;
    }

    public ChannelAddress address() {
        return address;
    }

    public String conversationId() {
        return address.conversationId();
    }

    public TurnSubmitter.Submission send(UserInput input) {
        return send("activity-" + (++activities), input);
    }

    public TurnSubmitter.Submission send(String activityId, UserInput input) {
        return submitter.submit(new Inbound(activityId, address, input, "fr-FR", Instant.now()));
    }

    /** Waits until the replies received since the last call satisfy {@code done}, and returns them all. */
    public List<Outbound> replies(Predicate<List<Outbound>> done) {
        return replies(done, false);
    }

    /**
     * @param shortest return only the shortest run of the fresh replies that satisfies {@code done},
     *     leaving those after it (the next turn's, when the bot was quicker than this poll) to the next call
     */
    private List<Outbound> replies(Predicate<List<Outbound>> done, boolean shortest) {
        List<Outbound> fresh = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            fresh.clear();
            List<OutboxEntry> received = FakeRemote.get().received(conversationId());
            received.subList(read, received.size()).forEach(entry -> fresh.add(entry.payload()));
            return done.test(fresh);
        });
        int taken = fresh.size();
        while (shortest && taken > 0 && done.test(fresh.subList(0, taken - 1))) {
            taken--;
        }
        read += taken;
        return List.copyOf(fresh.subList(0, taken));
    }

    /** Waits for the next question: replies up to and including a message with buttons. */
    public List<Outbound> untilChoices() {
        return replies(replies -> replies.stream().anyMatch(r -> message(r) instanceof Message.Choices), true);
    }

    /** Waits for a reply containing {@code text}. */
    public List<Outbound> untilText(String text) {
        return replies(replies -> texts(replies).stream().anyMatch(t -> t.contains(text)));
    }

    public static Message message(Outbound outbound) {
        return outbound instanceof Outbound.Say say ? say.message() : null;
    }

    public static List<String> texts(List<Outbound> replies) {
        // A question travels with its buttons (one bubble): its text is read like any other.
        return replies.stream().map(TestChat::message)
                .map(m -> m instanceof Message.Text text ? text.text()
                        : m instanceof Message.Choices choices ? choices.text() : null)
                .filter(java.util.Objects::nonNull).toList();
    }

    public static Message.Download download(List<Outbound> replies) {
        return replies.stream().map(TestChat::message).filter(m -> m instanceof Message.Download)
                .map(Message.Download.class::cast).findFirst().orElseThrow();
    }
}
