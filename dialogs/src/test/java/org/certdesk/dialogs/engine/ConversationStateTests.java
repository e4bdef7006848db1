package org.certdesk.dialogs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.certdesk.dialogs.engine.ConversationState.Status;
import org.junit.jupiter.api.Test;

class ConversationStateTests {

    private static final ConversationState STATE = new ConversationState("android-missing-certificate", 1, "show_missing",
            "fr", Status.WAITING_FOR_ACTION, 1, true, "cert.analyze", "2", 2,
            Map.of("typed_name", "Quote \" back\\slash\nnew line \u0001 « é » 🔒", "android_version", "11_plus"));

    @Test
    void roundTripsThroughJson() {
        String json = STATE.toJson();
        assertThat(ConversationState.fromJson(json)).isEqualTo(STATE);
        assertThat(json).startsWith("{\"format\":1,\"scriptId\":\"android-missing-certificate\",\"scriptVersion\":1,")
                .contains("\"variables\":{\"android_version\":\"11_plus\",\"typed_name\":\"Quote \\\" back\\\\slash\\nnew line \\u0001");
    }

    @Test
    void readsNullsUnknownFieldsAndAnyFieldOrder() {
        String json = "{ \"variables\": {}, \"future\": {\"x\": 1}, \"format\": 1, \"scriptId\": \"s\", \"scriptVersion\": 2,"
                + " \"stateId\": \"a\", \"locale\": \"en\", \"status\": \"ACTIVE\", \"misses\": 0, \"offeringHuman\": false,"
                + " \"pendingAction\": null, \"pendingRequestId\": null, \"actionSeq\": 0 }";
        assertThat(ConversationState.fromJson(json))
                .isEqualTo(new ConversationState("s", 2, "a", "en", Status.ACTIVE, 0, false, null, null, 0, Map.of()));
    }

    @Test
    void refusesWhatItDidNotWrite() {
        assertThatThrownBy(() -> ConversationState.fromJson("{\"format\":2}")).hasMessageContaining("unsupported format 2");
        assertThatThrownBy(() -> ConversationState.fromJson("{\"format\":1,")).hasMessageContaining("offset 12");
        assertThatThrownBy(() -> ConversationState.fromJson(STATE.toJson().replace("\"misses\":1", "\"misses\":\"1\"")))
                .hasMessageContaining("'misses' must be a whole number");
        assertThatThrownBy(() -> ConversationState.fromJson(STATE.toJson() + "x")).hasMessageContaining("text after the object");
        assertThatThrownBy(() -> ConversationState.fromJson("{\"a\":{\"b\":{}}}")).hasMessageContaining("nested too deep");
        assertThatThrownBy(() -> ConversationState.fromJson(" ".repeat(70_000))).hasMessageContaining("longer than");
    }
}
