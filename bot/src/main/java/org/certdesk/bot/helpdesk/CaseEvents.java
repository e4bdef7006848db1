package org.certdesk.bot.helpdesk;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.certdesk.bot.system.AfterCommit;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live updates for the consoles open on this instance, as server-sent events: {@code queue} (a case
 * was opened, taken or closed) and {@code message} (something was said in case {@code caseId}). They
 * carry ids only: the console then reads the API, so an event lost (a reconnect, another instance)
 * costs nothing but a delay, and no case data travels outside the API.
 */
@Component
class CaseEvents {
    private static final long TIMEOUT = Duration.ofMinutes(30).toMillis(); // EventSource reconnects by itself

    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();

    SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(TIMEOUT);
        emitters.add(emitter);
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(e -> emitters.remove(emitter));
        send(emitter, "hello", 0);
        return emitter;
    }

    /** Publishes once the current transaction committed (at once without one). */
    void queueChanged(long caseId) {
        AfterCommit.run(() -> publish("queue", caseId));
    }

    void messageAdded(long caseId) {
        AfterCommit.run(() -> publish("message", caseId));
    }

    private void publish(String type, long caseId) {
        for (SseEmitter emitter : emitters) {
            send(emitter, type, caseId);
        }
    }

    private void send(SseEmitter emitter, String type, long caseId) {
        try {
            emitter.send(SseEmitter.event().name(type).data(Map.of("type", type, "caseId", caseId),
                    MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            emitters.remove(emitter); // the console went away
        }
    }
}
