package org.certdesk.bot.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ScriptTextTests {

    @Test
    void theServerSetsTheTopLevelVersionInPlaceAndLeavesTheRestAlone() {
        String yaml = "# v\nid: x\nversion: 7   # numbered by the server\nstates:\n  a:\n    version: 3\n";
        assertThat(ScriptText.withVersion(yaml, 12))
                .isEqualTo("# v\nid: x\nversion: 12   # numbered by the server\nstates:\n  a:\n    version: 3\n");
        assertThat(ScriptText.withVersion("id: x\nversion: \"2\"\n", 3)).isEqualTo("id: x\nversion: 3\n");
        assertThat(ScriptText.withVersion("id: x\n", 3)).isEqualTo("id: x\n");
        assertThat(ScriptText.idLine("# c\n\nid: x\n")).isEqualTo(3);
    }

    @Test
    void bodiesAreStrictUtf8() throws CharacterCodingException {
        assertThat(ScriptText.decode("\uFEFFid: é".getBytes(StandardCharsets.UTF_8))).isEqualTo("id: é");
        assertThatThrownBy(() -> ScriptText.decode(new byte[] {(byte) 0xff})).isInstanceOf(CharacterCodingException.class);
    }
}
