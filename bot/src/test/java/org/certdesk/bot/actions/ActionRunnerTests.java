package org.certdesk.bot.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.dialogs.engine.ActionRequest;
import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.api.Test;

class ActionRunnerTests {

    record Stub(String name, boolean slow, RuntimeException failure) implements BotAction {
        @Override
        public Outcome run(ActionCall call) {
            if (failure != null) {
                throw failure;
            }
            return new Outcome("found", Map.of("missing_name", call.request().arguments().get("name")));
        }

        @Override
        public Outcome failed(ActionCall call, Exception cause) {
            return Outcome.of("not_found");
        }
    }

    private static ActionCall call(String action) {
        return new ActionCall(new ConversationKey("test", "c"), 1, "fr", null,
                new ActionRequest("7", action, Map.of("name", "Contoso")));
    }

    @Test
    void everyActionOfTheCatalogueMustBeImplemented() {
        assertThatThrownBy(() -> new ActionRunner(List.of(new Stub("cert.analyze", true, null))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[cert.analyze, cert.lookup-by-name]");
        assertThatThrownBy(() -> new ActionRunner(List.of(new Stub("cert.analyze", true, null),
                new Stub("cert.lookup-by-name", false, null), new Stub("cert.extra", false, null))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resultsCarryTheRequestAndFailuresBecomeTheDeclaredOutcome() {
        ActionRunner runner = new ActionRunner(List.of(new Stub("cert.analyze", true, null),
                new Stub("cert.lookup-by-name", false, new IllegalStateException("database down"))));

        assertThat(runner.isSlow("cert.analyze")).isTrue();
        assertThat(runner.isSlow("cert.lookup-by-name")).isFalse();
        assertThat(runner.run(call("cert.analyze")))
                .isEqualTo(new UserInput.ActionResult("7", "cert.analyze", "found", Map.of("missing_name", "Contoso")));
        assertThat(runner.run(call("cert.lookup-by-name")))
                .isEqualTo(new UserInput.ActionResult("7", "cert.lookup-by-name", "not_found", Map.of()));
    }
}
