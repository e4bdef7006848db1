package org.certdesk.bot.helpdesk;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.certdesk.bot.system.AfterCommit;
import org.certdesk.bot.system.WorkerThreads;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live updates for the consoles open on this instance, as server-sent events: {@code queue} (a case
 * was opened, taken or closed) and {@code message} (something was said in case {@code caseId}). They
 * carry ids only: the console then reads the API, so an event lost (a reconnect, another instance, a
 * full queue) costs nothing but a delay, and no case data travels outside the API.
 *
 * <p>Events are written by a thread of their own, never by the thread that committed (a turn
 * worker): writing to a browser blocks when that browser stops reading, and one stalled console must
 * not hold up the employees' turns. A console whose write fails or takes too long is dropped; its
 * EventSource reconnects by itself.
 */
@Component
class CaseEvents implements DisposableBean {
    private static final long TIMEOUT = Duration.ofMinutes(30).toMillis(); // EventSource reconnects by itself
    /** Events waiting to be written; beyond this, new ones are dropped (the consoles' refresh catches up). */
    static final int QUEUE = 1000;
    /** A write slower than this means the console stopped reading: it is dropped. */
    private static final long SLOW_NANOS = Duration.ofSeconds(2).toNanos();

    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();
    private final ExecutorService writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE), WorkerThreads.named("case-events"), new ThreadPoolExecutor.DiscardPolicy());

    SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(TIMEOUT);
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(e -> emitters.remove(emitter));
        add(emitter);
        return emitter;
    }

    /** Registers a console and greets it (on the writer thread, like every event). */
    void add(SseEmitter emitter) {
        emitters.add(emitter);
        writer.execute(() -> send(emitter, "hello", 0));
    }

    /** Publishes once the current transaction committed (at once without one). */
    void queueChanged(long caseId) {
        AfterCommit.run(() -> publish("queue", caseId));
    }

    void messageAdded(long caseId) {
        AfterCommit.run(() -> publish("message", caseId));
    }

    private void publish(String type, long caseId) {
        writer.execute(() -> {
            for (SseEmitter emitter : emitters) {
                send(emitter, type, caseId);
            }
        });
    }

    private void send(SseEmitter emitter, String type, long caseId) {
        long start = System.nanoTime();
        try {
            emitter.send(SseEmitter.event().name(type).data(Map.of("type", type, "caseId", caseId),
                    MediaType.APPLICATION_JSON));
        } catch (IOException | RuntimeException e) {
            drop(emitter); // the console went away
            return;
        }
        if (System.nanoTime() - start > SLOW_NANOS) {
            drop(emitter);
        }
    }

    private void drop(SseEmitter emitter) {
        emitters.remove(emitter);
        try {
            emitter.complete();
        } catch (RuntimeException e) {
            // already completed or broken: nothing more to do
        }
    }

    int consoles() {
        return emitters.size();
    }

    @Override
    public void destroy() {
        WorkerThreads.stopGracefully(writer);
    }
}
