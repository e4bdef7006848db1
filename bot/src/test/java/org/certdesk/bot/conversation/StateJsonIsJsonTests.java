package org.certdesk.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.certdesk.dialogs.engine.ConversationState;
import org.certdesk.dialogs.engine.ConversationState.Status;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state the dialogs module writes with its YAML library is JSON for a strict JSON parser:
 * the database column and the script preview page hand it to JSON readers.
 */
class StateJsonIsJsonTests {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    @Test
    void aStrictJsonParserReadsWhatTheStateWrites() {
        StringBuilder everything = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            everything.append(c);
        }
        everything.append("\u2028\u2029\uFEFF\uFFFD 🔒 « é »");
        ConversationState state = new ConversationState("android-missing-certificate", 4, "show_missing", "fr",
                Status.WAITING_FOR_ACTION, 2, true, "cert.analyze", "7", 7,
                Map.of("typed_name", everything.toString(), "android_version", "01", "note", "yes"));

        String json = state.toJson();
        JsonNode read = STRICT.readTree(json);

        assertThat(json).doesNotContain("\n");
        assertThat(read.get("format").asInt()).isEqualTo(1);
        assertThat(read.get("scriptVersion").isInt()).isTrue();
        assertThat(read.get("offeringHuman").isBoolean()).isTrue();
        assertThat(read.get("pendingRequestId").asString()).isEqualTo("7");
        assertThat(read.get("variables").get("typed_name").asString()).isEqualTo(everything.toString());
        assertThat(read.get("variables").get("android_version").asString()).isEqualTo("01");
        assertThat(ConversationState.fromJson(STRICT.writeValueAsString(read))).isEqualTo(state);
    }
}
