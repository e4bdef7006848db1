package org.certdesk.bot.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** One stalled or broken console must not hold up the turns that publish events. */
class CaseEventsTests {

    @Test
    void aConsoleThatStoppedReadingDoesNotBlockThePublisher() throws Exception {
        CaseEvents events = new CaseEvents();
        CountDownLatch release = new CountDownLatch(1);
        SseEmitter stalled = new SseEmitter() {
            @Override
            public void send(SseEventBuilder builder) throws IOException {
                try {
                    release.await(); // a browser whose TCP window is full
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try {
            events.add(stalled);
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                for (int i = 0; i < 2 * CaseEvents.QUEUE; i++) {
                    events.queueChanged(i); // what a turn worker calls after its commit
                    events.messageAdded(i);
                }
            }, "the turn's thread is never the one writing to a console");
        } finally {
            release.countDown();
            events.destroy();
        }
    }

    @Test
    void aConsoleThatWentAwayIsDroppedAndTheOthersStillGetTheirEvents() throws Exception {
        CaseEvents events = new CaseEvents();
        AtomicBoolean completed = new AtomicBoolean();
        SseEmitter gone = new SseEmitter() {
            @Override
            public void send(SseEventBuilder builder) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public synchronized void complete() {
                completed.set(true);
            }
        };
        AtomicInteger received = new AtomicInteger();
        SseEmitter listening = new SseEmitter() {
            @Override
            public void send(SseEventBuilder builder) {
                received.incrementAndGet();
            }
        };
        try {
            events.add(gone);
            events.add(listening);
            events.queueChanged(7);
            await().atMost(Duration.ofSeconds(5)).until(() -> received.get() == 2); // hello, then the event
            assertThat(events.consoles()).isEqualTo(1);
            assertThat(completed).isTrue();
        } finally {
            events.destroy();
        }
    }
}
