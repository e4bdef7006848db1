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
import org.certdesk.bot.system.broadcast.Broadcast;
import org.certdesk.bot.system.broadcast.InProcessBroadcast;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live updates for the consoles open on this instance, as server-sent events: {@code queue} (a case
 * was opened, taken or closed) and {@code message} (something was said in case {@code caseId}). They
 * carry ids only: the console then reads the API, so an event lost (a reconnect, a full queue) costs
 * nothing but a delay (the console's 30 s refresh), and no case data travels outside the API.
 *
 * <p>Events go through the {@link Broadcast}, so the consoles connected to every instance get them,
 * whichever instance made the change (PostgreSQL's LISTEN/NOTIFY; in-process on H2).
 *
 * <p>Events are written by a thread of their own, never by the thread that committed (a turn
 * worker): writing to a browser blocks when that browser stops reading, and one stalled console must
 * not hold up the employees' turns. A console whose write fails or takes too long is dropped; its
 * EventSource reconnects by itself.
 */
@Component
class CaseEvents implements DisposableBean {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CaseEvents.class);
    private static final long TIMEOUT = Duration.ofMinutes(30).toMillis(); // EventSource reconnects by itself
    /** Events waiting to be written; beyond this, new ones are dropped (the consoles' refresh catches up). */
    static final int QUEUE = 1000;
    /** A write slower than this means the console stopped reading: it is dropped. */
    private static final long SLOW_NANOS = Duration.ofSeconds(2).toNanos();

    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();
    private final ExecutorService writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE), WorkerThreads.named("case-events"), new ThreadPoolExecutor.DiscardPolicy());

    private final Broadcast broadcast;

    /** One instance alone (tests of the class itself). */
    CaseEvents() {
        this(new InProcessBroadcast());
    }

    @Autowired
    CaseEvents(Broadcast broadcast) {
        this.broadcast = broadcast;
        broadcast.listen(TOPIC, this::received);
    }

    static final String TOPIC = "case-events";

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

    /** On the writer thread too: NOTIFY is a database round trip the turn's thread need not wait for. */
    private void publish(String type, long caseId) {
        writer.execute(() -> {
            try {
                broadcast.publish(TOPIC, type + ":" + caseId);
            } catch (RuntimeException e) {
                LOG.warn("console event {} of case {} not broadcast: {}", type, caseId, e.getMessage());
            }
        });
    }

    /** An event of any instance, this one's included. */
    private void received(String payload) {
        int colon = payload.indexOf(':');
        String type = colon < 0 ? "" : payload.substring(0, colon);
        if (!type.equals("queue") && !type.equals("message")) {
            return; // not an event the consoles know
        }
        long caseId;
        try {
            caseId = Long.parseLong(payload.substring(colon + 1));
        } catch (NumberFormatException e) {
            return;
        }
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
