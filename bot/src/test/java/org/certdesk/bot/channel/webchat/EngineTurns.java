package org.certdesk.bot.channel.webchat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.certdesk.bot.conversation.Inbound;
import org.certdesk.bot.conversation.TurnSubmitter;
import org.certdesk.bot.outbox.Delivery;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.outbox.OutboxEntry;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.dialogs.action.Catalogue;
import org.certdesk.dialogs.engine.ActionRequest;
import org.certdesk.dialogs.engine.ConversationState;
import org.certdesk.dialogs.engine.DialogEngine;
import org.certdesk.dialogs.engine.Message;
import org.certdesk.dialogs.engine.TurnResult;
import org.certdesk.dialogs.engine.UserInput;
import org.certdesk.dialogs.load.DefaultScripts;
import org.certdesk.dialogs.load.ScriptLoader;

/**
 * A stand-in for the bot core's turn pipeline, so the page test depends on the web chat only: the
 * default script runs in memory, the analyzer's answer is canned ("Contoso Issuing CA 2" is
 * missing), and replies go out through the web chat's own {@link Delivery}, one at a time and in
 * order, as the outbox dispatcher would send them. Turns run on one background thread, after
 * {@link #submit} has returned, as the real pipeline runs them.
 */
class EngineTurns implements TurnSubmitter, AutoCloseable {
    static final String SHA256 = "11f0b04eda61baebd5646fde72b0058e9713c30e950d2f3457bbbc1c3c68b31a";
    static final String FILE_NAME = "contoso_issuing_ca_2.crt";

    private final DialogEngine engine = new DialogEngine(
            DefaultScripts.load(DefaultScripts.ANDROID_MISSING_CERTIFICATE, ScriptLoader.standard()).orElseThrow(),
            Catalogue.standard());
    private final Delivery delivery;
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final Map<ConversationKey, ConversationState> states = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong outboxIds = new AtomicLong();

    EngineTurns(Delivery delivery) {
        this.delivery = delivery;
    }

    /** No database of its own to share: the channel's writes are simply made first. */
    @Override
    public Submission submitWith(Supplier<Inbound> recordFirst) {
        return submit(recordFirst.get());
    }

    @Override
    public Submission submit(Inbound inbound) {
        if (!seen.add(inbound.address().key() + "/" + inbound.activityId())) {
            return Submission.DUPLICATE;
        }
        worker.execute(() -> run(inbound));
        return Submission.ACCEPTED;
    }

    private void run(Inbound inbound) {
        ConversationState state = states.get(inbound.address().key());
        // Whatever comes first starts the conversation (the welcome always does, in the page's language).
        TurnResult result = state == null ? engine.start(inbound.locale()) : engine.step(state, inbound.input());
        send(inbound, result);
        while (!result.actions().isEmpty()) {
            send(inbound, new Outbound.Typing());
            result = engine.step(result.state(), canned(result.actions().get(0)));
            send(inbound, result);
        }
        states.put(inbound.address().key(), result.state());
    }

    private static UserInput canned(ActionRequest request) {
        if (request.name().equals("cert.analyze")) {
            return new UserInput.ActionResult(request.requestId(), request.name(), "one_missing", Map.of(
                    "missing_name", "Contoso Issuing CA 2",
                    "missing_sha256", SHA256,
                    "missing_download_url", "https://certdesk.example.com/certificates/" + SHA256 + ".crt",
                    "missing_file_name", FILE_NAME,
                    "verdict", "INTERMEDIATE_NOT_SENT",
                    "report_summary", "sts.contoso.com sends its certificate without Contoso Issuing CA 2"));
        }
        return new UserInput.ActionResult(request.requestId(), request.name(), "not_found", Map.of());
    }

    private void send(Inbound inbound, TurnResult result) {
        List<Message> messages = result.messages();
        for (Message message : messages) {
            send(inbound, new Outbound.Say(message, result.state().locale()));
        }
    }

    private void send(Inbound inbound, Outbound outbound) {
        long id = outboxIds.incrementAndGet();
        delivery.deliver(new OutboxEntry(id, inbound.address(), id, outbound, 0));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
