package org.certdesk.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.util.List;
import java.util.stream.LongStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.certdesk.analyzer.CertificateFacts;
import org.certdesk.bot.helpdesk.Handoffs;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.outbox.OutboxEntry;
import org.certdesk.bot.testing.BotTest;
import org.certdesk.bot.testing.FakeRemote;
import org.certdesk.bot.testing.LoopbackPki;
import org.certdesk.bot.testing.TestChat;
import org.certdesk.dialogs.engine.ConversationState;
import org.certdesk.dialogs.engine.Message;
import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Whole conversations through the real submitter, store, engine, analyzer (against a sign-in
 * server on loopback) and outbox, read at the far end of the test channel.
 */
@BotTest
class ConversationFlowTests {
    private static final String PIXEL_7 = "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/116.0.0.0 Mobile Safari/537.36";

    @Autowired
    TurnSubmitter submitter;
    @Autowired
    ConversationStore conversations;
    @Autowired
    Handoffs handoffs;
    @Autowired
    MockMvc mvc;
    @Autowired
    MeterRegistry meters;

    private final LoopbackPki pki = LoopbackPki.get();

    @Test
    void fromGreetingToResolvedWithTheInstallStepsOfThePhoneThatDownloaded() throws Exception {
        pki.oneMissing();
        TestChat chat = new TestChat(submitter);

        chat.send(new UserInput.Start("fr-FR"));
        List<Outbound> greeting = chat.untilChoices();
        assertThat(TestChat.texts(greeting).get(0)).startsWith("Bonjour !");

        chat.send(new UserInput.Choice("android_7_to_10"));
        List<Outbound> found = chat.untilChoices();
        assertThat(TestChat.texts(found).get(0)).startsWith("Je vérifie les certificats");
        assertThat(found.get(1)).as("typing before the probe").isEqualTo(new Outbound.Typing());
        assertThat(TestChat.texts(found).get(1)).contains("« Contoso Issuing CA 1 »");
        String sha256 = CertificateFacts.sha256(pki.issuing1());
        Message.Download download = TestChat.download(found);
        assertThat(download.url()).startsWith("https://certdesk.test/certificates/" + sha256 + ".crt?c=");
        assertThat(download.fileName()).isEqualTo("Contoso-Issuing-CA-1.crt");
        assertThat(download.sha256()).isEqualTo(sha256);

        URI link = URI.create(download.url());
        mvc.perform(get(link.getPath() + "?" + link.getQuery()).header(HttpHeaders.USER_AGENT, PIXEL_7))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/x-x509-ca-cert"))
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"Contoso-Issuing-CA-1.crt\""))
                .andExpect(content().bytes(pki.issuing1().getEncoded()));
        assertThat(conversations.find(chat.address().key()).orElseThrow().androidApiLevel()).isEqualTo(33);

        chat.send(new UserInput.Choice("downloaded"));
        assertThat(TestChat.texts(chat.untilChoices()).get(0))
                .as("the phone said Android 13, so the Android 11+ steps, whatever the user answered")
                .startsWith("Depuis Android 11");

        chat.send(new UserInput.Choice("installed"));
        assertThat(TestChat.texts(chat.untilChoices())).last().isEqualTo("La connexion fonctionne-t-elle maintenant ?");

        chat.send(new UserInput.Text("oui ça marche"));
        assertThat(TestChat.texts(chat.untilText("Parfait"))).singleElement().asString().startsWith("Parfait !");

        Conversation stored = conversations.find(chat.address().key()).orElseThrow();
        assertThat(stored.state().status()).isEqualTo(ConversationState.Status.RESOLVED);
        assertThat(stored.pendingAction()).isNull();
        assertThat(handoffs.count(chat.address().key())).isZero();
        List<OutboxEntry> received = FakeRemote.get().received(chat.conversationId());
        assertThat(received).extracting(OutboxEntry::sequence)
                .as("every reply arrived once, in order")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, received.size()).boxed().toList());
        assertThat(meters.counter("certdesk.turns", "channel", "test").count()).isGreaterThanOrEqualTo(5);
        assertThat(meters.timer("certdesk.turn.latency", "channel", "test").count()).isGreaterThanOrEqualTo(5);
        assertThat(meters.counter("certdesk.analyzer.results", "verdict", "INCOMPLETE_CHAIN").count()).isPositive();
    }

    @Test
    void twoMissingCertificatesEscalateWithACase() {
        pki.twoMissing();
        TestChat chat = new TestChat(submitter);

        chat.send(new UserInput.Start("en-GB"));
        chat.untilChoices();
        chat.send(new UserInput.Choice("android_11_plus"));

        List<Outbound> replies = chat.untilText("case number");
        assertThat(TestChat.texts(replies)).anySatisfy(text -> assertThat(text)
                .startsWith("Your phone is missing 2 certificates, including “Contoso Issuing CA 2”"));
        assertThat(TestChat.texts(replies)).last().asString().startsWith("Your request is case number ");
        Conversation stored = conversations.find(chat.address().key()).orElseThrow();
        assertThat(stored.state().status()).isEqualTo(ConversationState.Status.ESCALATED);
        assertThat(handoffs.count(chat.address().key())).isEqualTo(1);
    }

    @Test
    void aSecondMissingCertificateAfterTheInstallEscalatesOnce() {
        pki.oneMissing();
        TestChat chat = new TestChat(submitter);
        chat.send(new UserInput.Start("en"));
        chat.untilChoices();
        chat.send(new UserInput.Choice("android_11_plus"));
        chat.untilChoices();
        chat.send(new UserInput.Choice("downloaded"));
        chat.untilChoices();
        chat.send(new UserInput.Choice("installed"));
        chat.untilChoices();

        chat.send(new UserInput.Choice("still_missing"));
        assertThat(TestChat.texts(chat.untilText("case number")))
                .anySatisfy(text -> assertThat(text).startsWith("A second certificate is probably missing"));
        chat.send(new UserInput.Text("talk to a person"));
        chat.send(new UserInput.Text("cancel"));
        chat.untilText("I cancelled request");
        chat.send(new UserInput.Text("talk to a person"));
        chat.untilText("This conversation is over");

        assertThat(handoffs.count(chat.address().key()))
                .as("one case: while it is open the bot does not answer, once cancelled the conversation is over")
                .isEqualTo(1);
    }

    @Test
    void aDuplicateDeliveryIsProcessedOnce() {
        pki.oneMissing();
        TestChat chat = new TestChat(submitter);

        assertThat(chat.send("same-id", new UserInput.Start("fr"))).isEqualTo(TurnSubmitter.Submission.ACCEPTED);
        assertThat(chat.send("same-id", new UserInput.Start("fr"))).isEqualTo(TurnSubmitter.Submission.DUPLICATE);
        chat.untilChoices();
        chat.send(new UserInput.Text("aide"));
        chat.untilChoices();

        assertThat(TestChat.texts(FakeRemote.get().received(chat.conversationId()).stream()
                .map(OutboxEntry::payload).toList()))
                .filteredOn(text -> text.startsWith("Bonjour")).hasSize(1);
    }

    @Test
    void whenTheAnalyzerCannotTellTheUserFindsTheNameOnAPcAndTheLookUpFindsIt() throws Exception {
        pki.complete();
        TestChat chat = new TestChat(submitter);
        chat.send(new UserInput.Start("fr"));
        chat.untilChoices();
        chat.send(new UserInput.Choice("android_11_plus"));
        assertThat(TestChat.texts(chat.untilChoices())).anyMatch(t -> t.startsWith("Je n’ai pas pu identifier"));
        chat.send(new UserInput.Choice("pc_ready"));
        chat.untilChoices();
        chat.send(new UserInput.Choice("padlock_seen"));
        chat.untilText("Tapez ici le nom");

        chat.send(new UserInput.Text("digicert GLOBAL root-g2"));

        List<Outbound> found = chat.untilChoices();
        assertThat(TestChat.texts(found)).anyMatch(t -> t.contains("« DigiCert Global Root G2 »"));
        URI link = URI.create(TestChat.download(found).url());
        mvc.perform(get(link.getPath())).andExpect(status().isOk());
    }

    @Test
    void anUnfinishedProbeIsRunAgainWhenItsLeaseRunsOut(@Autowired DialogEngines engines,
            @Autowired TurnQueue queue) {
        pki.oneMissing();
        TestChat chat = new TestChat(submitter);
        chat.send(new UserInput.Start("fr"));
        chat.untilChoices();
        // What a crash right after the probe was requested leaves: the request stored, its lease run out.
        Conversation before = conversations.find(chat.address().key()).orElseThrow();
        var waiting = engines.of(before.state()).step(before.state(), new UserInput.Choice("android_11_plus"));
        conversations.save(before.withState(waiting.state())
                .withPendingAction(waiting.actions().get(0), java.time.Instant.now().minusSeconds(1), 1),
                java.time.Instant.now());

        queue.wake(chat.address().key());

        assertThat(TestChat.texts(chat.untilChoices())).anyMatch(t -> t.startsWith("J’ai trouvé !"));
        assertThat(conversations.find(chat.address().key()).orElseThrow().pendingAction()).isNull();
    }

    @Test
    void aMessageWhileAnotherWorkerRunsTheProbeKeepsTheProbeAwaited(@Autowired DialogEngines engines,
            @Autowired TurnQueue queue) {
        pki.oneMissing();
        TestChat chat = new TestChat(submitter);
        chat.send(new UserInput.Start("fr"));
        chat.untilChoices();
        // The probe runs on another instance (or ran before a restart): requested, its lease still running.
        Conversation before = conversations.find(chat.address().key()).orElseThrow();
        var waiting = engines.of(before.state()).step(before.state(), new UserInput.Choice("android_11_plus"));
        conversations.save(before.withState(waiting.state())
                .withPendingAction(waiting.actions().get(0), java.time.Instant.now().plusSeconds(600), 1),
                java.time.Instant.now());

        chat.send(new UserInput.Text("alors ?"));
        assertThat(TestChat.texts(chat.untilText("Je vérifie encore"))).isNotEmpty();
        Conversation after = conversations.find(chat.address().key()).orElseThrow();
        assertThat(after.pendingAction()).isNotNull();

        // That worker dies: once its lease runs out, the probe is run again and its result reaches the user.
        conversations.save(after.withPendingAction(after.pendingAction(), java.time.Instant.now().minusSeconds(1), 1),
                java.time.Instant.now());
        queue.wake(chat.address().key());
        assertThat(TestChat.texts(chat.untilChoices())).anyMatch(t -> t.startsWith("J’ai trouvé !"));
    }

    @Test
    void aTurnThatKeepsFailingIsSetAsideWithAnApologyAndTheConversationGoesOn() {
        pki.oneMissing();
        TestChat chat = new TestChat(submitter);
        chat.send(new UserInput.Start("fr"));
        chat.untilChoices();

        chat.send(new UserInput.Resume("no_such_state")); // the engine refuses it: a bug, not the user's fault

        assertThat(TestChat.texts(chat.untilText("incident"))).singleElement().asString()
                .matches("Désolé, une erreur de mon côté m’empêche de continuer \\(incident [0-9a-f]{8}\\)\\..*");
        chat.send(new UserInput.Choice("android_11_plus"));
        assertThat(TestChat.texts(chat.untilChoices())).anyMatch(t -> t.startsWith("J’ai trouvé !"));
    }
}
