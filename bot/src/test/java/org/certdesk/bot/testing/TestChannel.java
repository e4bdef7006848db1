package org.certdesk.bot.testing;

import org.certdesk.bot.outbox.Delivery;
import org.certdesk.bot.outbox.DeliveryResult;
import org.certdesk.bot.outbox.OutboxEntry;

/** The {@link Delivery} of channel {@code test}: hands entries to the {@link FakeRemote}. */
public final class TestChannel implements Delivery {
    public static final String NAME = "test";

    @Override
    public String channel() {
        return NAME;
    }

    @Override
    public DeliveryResult deliver(OutboxEntry entry) {
        return FakeRemote.get().receive(entry);
    }
}
