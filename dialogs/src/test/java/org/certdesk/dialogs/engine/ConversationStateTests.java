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
        assertThat(json).startsWith("{\"format\": 1, \"scriptId\": \"android-missing-certificate\", \"scriptVersion\": 1,")
                .contains("\"variables\": {\"android_version\": \"11_plus\", \"typed_name\": \"Quote \\\" back\\\\slash\\nnew line \\u0001")
                .doesNotContain("\n");
    }

    @Test
    void roundTripsEveryCharacterAsOneLineOfJsonEscapes() {
        for (int from = 0; from <= 0x10000; from += 4096) {
            CharSequence slice = slice(from);
            ConversationState state = new ConversationState("s", 1, "a", "fr", Status.ACTIVE, 0, false, null, null, 0,
                    Map.of("everything", slice.toString(), "01", "yes"));
            String json = state.toJson();
            // A lone surrogate is half a character, not text: it comes back as U+FFFD, as it
            // would from any UTF-8 encoder. Everything else comes back as it was.
            String whole = slice.toString().replaceAll("\\p{Cs}", "\uFFFD");
            assertThat(ConversationState.fromJson(json).variables())
                    .isEqualTo(Map.of("everything", whole, "01", "yes"));
            // Only JSON's escapes (the YAML-only ones such as \a, \N, \x7f would break a JSON
            // reader) and no raw character that JSON forbids.
            assertThat(json.replaceAll("\\\\([\"\\\\/bfnrt]|u[0-9a-fA-F]{4})", "")).doesNotContain("\\")
                    .doesNotContainPattern("[\\x00-\\x1f]");
        }
    }

    @Test
    void writesTheSameTextAsTheLibrarysEmitterDid() {
        // States already stored were written by snakeyaml-engine's emitter: the direct writer keeps
        // its text exactly, spacing and escapes, for every UTF-16 unit and non-BMP characters.
        assertThat(STATE.toJson()).isEqualTo(EmitterStateJson.write(STATE));
        for (int from = 0; from <= 0x10000; from += 4096) {
            CharSequence slice = slice(from);
            ConversationState state = new ConversationState("s\u0085" + from, 1, "a\"b", "fr", Status.ACTIVE, 0, true,
                    "x\\y", "\uD800", 3, Map.of("everything", slice.toString(), "01", "yes"));
            String direct = state.toJson();
            String emitted = EmitterStateJson.write(state);
            int at = 0;
            while (at < Math.min(direct.length(), emitted.length()) && direct.charAt(at) == emitted.charAt(at)) {
                at++;
            }
            assertThat(direct.length() == emitted.length() && at == direct.length())
                    .as("the same text, first difference at %d: %s against %s", at,
                            direct.substring(at, Math.min(direct.length(), at + 12)),
                            emitted.substring(at, Math.min(emitted.length(), at + 12)))
                    .isTrue();
        }
    }

    /**
     * Every UTF-16 unit, lone surrogates included, then non-BMP characters, in slices of 4096 from
     * {@code from} (0 to 0x10000), so that each state stays under MAX_LENGTH even when every
     * character is escaped.
     */
    private static CharSequence slice(int from) {
        StringBuilder slice = new StringBuilder();
        for (int c = from; c < from + 4096 && c <= 0xFFFF; c++) {
            slice.append((char) c);
        }
        if (from == 0x10000) {
            slice.appendCodePoint(0x1F512).appendCodePoint(0x10FFFF).append("\uD800x\uDC00");
        }
        return slice;
    }

    @Test
    void readsAnEmojiWhereverItFallsInTheText() {
        // snakeyaml-engine 2.10 alone fails on a surrogate pair starting at the 1025th character.
        for (int length = 700; length < 1100; length++) {
            ConversationState state = new ConversationState("s", 1, "a", "fr", Status.ACTIVE, 0, false, null, null, 0,
                    Map.of("typed_name", "x".repeat(length) + "🔒 é"));
            assertThat(ConversationState.fromJson(state.toJson())).isEqualTo(state);
        }
    }

    @Test
    void readsStatesWrittenByTheEarlierHandWrittenWriter() {
        // Exactly what the hand-written writer produced: no spaces, escapes \" \\ \n \t \r and
        // a \\u escape for other controls and U+2028/U+2029, everything else raw (DEL, C1 controls,
        // U+0085, non-BMP characters).
        String old = "{\"format\":1,\"scriptId\":\"android-missing-certificate\",\"scriptVersion\":3,\"stateId\":\"ask_name\","
                + "\"locale\":\"fr\",\"status\":\"ACTIVE\",\"misses\":2,\"offeringHuman\":false,\"pendingAction\":null,"
                + "\"pendingRequestId\":null,\"actionSeq\":7,\"variables\":{\"android_version\":\"01\",\"note\":\"yes\","
                + "\"typed_name\":\"Quote \\\" back\\\\slash\\nline\\ttab\\rcr \\u0001 \\u2028 \\u00e9 é 🔒 \u007f \u0085 \u0090 \u00a0\"}}";
        assertThat(ConversationState.fromJson(old)).isEqualTo(new ConversationState("android-missing-certificate", 3,
                "ask_name", "fr", Status.ACTIVE, 2, false, null, null, 7, Map.of("android_version", "01", "note", "yes",
                        "typed_name", "Quote \" back\\slash\nline\ttab\rcr \u0001 \u2028 é é 🔒 \u007f \u0085 \u0090 \u00a0")));
    }

    @Test
    void readsNullsUnknownFieldsAndAnyFieldOrder() {
        String json = "{ \"variables\": {}, \"future\": {\"x\": [1, {\"y\": \"z\"}]}, \"format\": 1, \"scriptId\": \"s\", \"scriptVersion\": 2,"
                + " \"stateId\": \"a\", \"locale\": \"en\", \"status\": \"ACTIVE\", \"misses\": 0, \"offeringHuman\": false,"
                + " \"pendingAction\": null, \"pendingRequestId\": null, \"actionSeq\": 0 }";
        assertThat(ConversationState.fromJson(json))
                .isEqualTo(new ConversationState("s", 2, "a", "en", Status.ACTIVE, 0, false, null, null, 0, Map.of()));
    }

    @Test
    void refusesWhatItDidNotWrite() {
        assertThatThrownBy(() -> ConversationState.fromJson("{\"format\":2}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported format 2");
        assertThatThrownBy(() -> ConversationState.fromJson("{\"format\":1,")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conversation state JSON at offset 12: expected the node content, but found '<stream end>'");
        assertThatThrownBy(() -> ConversationState.fromJson(STATE.toJson().replace("\"misses\": 1", "\"misses\": \"1\"")))
                .hasMessageContaining("'misses' must be a whole number");
        assertThatThrownBy(() -> ConversationState.fromJson(STATE.toJson().replace("\"misses\": 1", "\"misses\": 4294967296")))
                .hasMessageContaining("'misses' must be a whole number");
        assertThatThrownBy(() -> ConversationState.fromJson(STATE.toJson() + "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("conversation state JSON at offset ");
        assertThatThrownBy(() -> ConversationState.fromJson(STATE.toJson().replace("{\"android_version\": \"11_plus\"",
                "{\"android_version\": {\"b\": \"c\"}"))).hasMessageContaining("variable 'android_version' must be a string");
        assertThatThrownBy(() -> ConversationState.fromJson("{\"format\":1,\"format\":1}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found duplicate key format");
        assertThatThrownBy(() -> ConversationState.fromJson("[1]")).hasMessage("conversation state JSON: not an object");
        assertThatThrownBy(() -> ConversationState.fromJson("")).hasMessage("conversation state JSON: not an object");
        assertThatThrownBy(() -> ConversationState.fromJson("{\"a\":\"raw \u0001 control\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("special characters are not allowed");
        assertThatThrownBy(() -> ConversationState.fromJson(" ".repeat(70_000))).hasMessageContaining("longer than");
    }
}
