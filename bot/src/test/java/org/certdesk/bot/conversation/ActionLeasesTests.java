package org.certdesk.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.certdesk.bot.actions.ActionCall;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.bot.system.CertdeskProperties;
import org.certdesk.bot.system.Timers;
import org.certdesk.bot.testing.TestDatabases;
import org.certdesk.dialogs.engine.ActionRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A slow action's lease is short and kept alive while the action runs: another instance takes the
 * action over only once its worker stopped renewing (died, or gave up after action-max-run), and a
 * renewal never takes a lease back from whoever took the action over.
 */
class ActionLeasesTests {
    private static final ActionRequest PROBE = new ActionRequest("7", "cert.analyze", Map.of("android_version", "12"));

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aLeaseIsRenewedOnlyWhileItsActionIsPendingAndTheLeaseLive(TestDatabases database) {
        ConversationStore store = new ConversationStore(JdbcClient.create(database.dataSource()),
                JsonMapper.builder().build());
        Instant now = Instant.parse("2026-12-04T08:00:00Z");
        ChannelAddress address = ConversationStoreTests.address(UUID.randomUUID().toString());
        store.createIfAbsent(address, now);
        store.save(store.find(address.key()).orElseThrow().withAddress(address)
                .withState(ConversationStoreTests.state("analyze", Map.of())).withPendingAction(PROBE,
                        now.plusSeconds(6), 1), now);
        long version = store.find(address.key()).orElseThrow().version();

        assertThat(store.renewActionLease(address.key(), PROBE, now.plusSeconds(2), now.plusSeconds(8))).isTrue();
        assertThat(store.withExpiredActionLease(now.plusSeconds(7))).doesNotContain(address.key());
        assertThat(store.find(address.key()).orElseThrow().version()).as("a renewal is no change of the turn's")
                .isEqualTo(version);
        assertThat(store.renewActionLease(address.key(), new ActionRequest("8", "cert.analyze", Map.of()),
                now.plusSeconds(3), now.plusSeconds(9))).as("another action: not this worker's").isFalse();
        assertThat(store.renewActionLease(address.key(), PROBE, now.plusSeconds(8), now.plusSeconds(14)))
                .as("ran out: another instance may have taken it over").isFalse();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void theLeaseStaysLiveWhileTheActionRunsAndRunsOutOnceItStops(TestDatabases database) {
        ConversationStore store = new ConversationStore(JdbcClient.create(database.dataSource()),
                JsonMapper.builder().build());
        Duration lease = Duration.ofMillis(1500);
        ChannelAddress address = pending(store, lease);
        Timers timers = new Timers();
        timers.start();
        ActionLeases leases = new ActionLeases(store, settings(lease, Duration.ofMinutes(1)), Clock.systemUTC(), timers);
        try {
            try (ActionLeases.Held held = leases.keep(call(address))) {
                // Three leases long, renewed every 0.5 s: never seen run out.
                await().during(Duration.ofMillis(4500)).atMost(Duration.ofSeconds(6))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> !store.withExpiredActionLease(Instant.now()).contains(address.key()));
            }
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> store.withExpiredActionLease(Instant.now()).contains(address.key()));
        } finally {
            timers.destroy();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aHungActionIsNoLongerRenewedAfterTheMaximumRun(TestDatabases database) {
        ConversationStore store = new ConversationStore(JdbcClient.create(database.dataSource()),
                JsonMapper.builder().build());
        Duration lease = Duration.ofMillis(1500);
        ChannelAddress address = pending(store, lease);
        Timers timers = new Timers();
        timers.start();
        ActionLeases leases = new ActionLeases(store, settings(lease, Duration.ofSeconds(1)), Clock.systemUTC(), timers);
        try (ActionLeases.Held held = leases.keep(call(address))) {
            await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(50))
                    .until(() -> store.withExpiredActionLease(Instant.now()).contains(address.key()));
        } finally {
            timers.destroy();
        }
    }

    /** A conversation whose probe was just started, with a lease of {@code lease} from now. */
    private static ChannelAddress pending(ConversationStore store, Duration lease) {
        ChannelAddress address = ConversationStoreTests.address(UUID.randomUUID().toString());
        store.createIfAbsent(address, Instant.now());
        Conversation read = store.find(address.key()).orElseThrow().withAddress(address);
        store.save(read.withState(ConversationStoreTests.state("analyze", Map.of()))
                .withPendingAction(PROBE, Instant.now().plus(lease).truncatedTo(ChronoUnit.MILLIS), 1), Instant.now());
        return address;
    }

    private static ActionCall call(ChannelAddress address) {
        return new ActionCall(address.key(), 1, "fr", null, PROBE);
    }

    private static CertdeskProperties settings(Duration lease, Duration maxRun) {
        return new Binder(new MapConfigurationPropertySource(Map.of("certdesk.turns.action-lease", lease.toMillis() + "ms",
                "certdesk.turns.action-max-run", maxRun.toMillis() + "ms")))
                .bindOrCreate("certdesk", CertdeskProperties.class);
    }
}
