package org.certdesk.bot.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default store's file, as {@code java -jar} makes it, under a stream of turns at one conversation:
 * each turn is a write of its own, and H2 makes each write a new part of the file (a chunk). What the
 * file keeps is what is live, not the recent writes: a chunk none of whose pages is live any more is
 * reused after a second ({@code RETENTION_TIME=1000} in the default URL). At H2's default, 45 s, every
 * chunk of the test's turns was still kept at its end: the file grew by a turn's write a turn.
 */
class DefaultStoreFileTests {
    private static final int TURNS = 3000;

    @Test
    void theFileHoldsWhatIsLiveNotEveryTurnsWrite(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("data/certdesk.mv.db");
        try (StubConnector connector = new StubConnector();
                BotProcess bot = BotProcess.start(folder, "bot", BotProcess.freePort(), List.of())) {
            connector.publishScript(bot, "echo-script.yaml");
            String conversation = "a:file-" + Long.toHexString(System.nanoTime());
            connector.postMessage(bot, conversation, "first");
            Thread.sleep(1500); // the start's own writes are reusable
            long before = Files.size(file);
            long started = System.nanoTime();
            for (int turn = 0; turn < TURNS; turn++) {
                assertThat(connector.postMessage(bot, conversation, "turn-" + turn)).as("turn %d", turn).isEqualTo(200);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long grown = Files.size(file) - before;
            System.out.printf("default store file: %d turns at one conversation in %.1f s; the file grew by %.1f MB"
                    + " (%.1f KB a turn), to %.1f MB%n", TURNS, seconds, grown / 1e6, grown / 1e3 / TURNS,
                    Files.size(file) / 1e6);
            // A turn's write (the pages it changed, and H2's own layout) is about 20 KB here: the file
            // grew by that much a turn when every chunk was kept 45 s (62 MB), by 5 KB with a second.
            assertThat(grown).as("bytes the file grew by in %d turns", TURNS).isLessThan(TURNS * 10_000L);
        }
    }
}
