package org.certdesk.bot.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.certdesk.bot.conversation.TurnSubmitter;
import org.certdesk.bot.testing.LoopbackPki;
import org.certdesk.bot.testing.TestApplications;
import org.certdesk.bot.testing.TestChat;
import org.certdesk.bot.testing.TestProperties;
import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** The writes to H2's file are counted, with the commits each one served. */
class GroupedCheckpointsTests {

    @Test
    void eachWriteToTheFileIsCountedWithTheCommitsItServed(@TempDir Path directory) {
        LoopbackPki.get().oneMissing();
        try (ConfigurableApplicationContext app = TestApplications.start(TestApplications.h2File(directory))) {
            TestChat chat = new TestChat(app.getBean(TurnSubmitter.class));
            chat.send(new UserInput.Start("fr"));
            chat.untilChoices();
            chat.send(new UserInput.Choice("android_11_plus"));
            chat.untilChoices();

            DistributionSummary writes = app.getBean(MeterRegistry.class).get("certdesk.store.write.group").summary();
            // Two turns one after the other, each acknowledged after a write of its own.
            assertThat(writes.count()).isGreaterThanOrEqualTo(2);
            assertThat(writes.totalAmount()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aStoreInMemoryWritesNothing() {
        try (ConfigurableApplicationContext app = TestApplications.start(TestProperties.h2Memory())) {
            TestChat chat = new TestChat(app.getBean(TurnSubmitter.class));
            chat.send(new UserInput.Start("fr"));
            chat.untilChoices();

            assertThat(app.getBean(MeterRegistry.class).get("certdesk.store.write.group").summary().count()).isZero();
        }
    }
}
