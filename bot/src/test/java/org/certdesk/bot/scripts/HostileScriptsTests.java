package org.certdesk.bot.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.certdesk.dialogs.load.DefaultScripts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** What an attacker with an admin's password, or a careless paste, may send: refused, nothing stored. */
@AdminBotTest
class HostileScriptsTests {
    static final String ID = DefaultScripts.ANDROID_MISSING_CERTIFICATE;

    @Autowired
    MockMvc mvc;
    @Autowired
    ScriptStore store;
    int latest;

    @BeforeEach
    void rememberTheLatestVersion() {
        latest = store.latestVersion(ID);
    }

    @Test
    void aBillionLaughsIsRefusedForItsAliases() throws Exception {
        String bomb = "id: android-missing-certificate\nversion: 1\na: &a [x, x, x, x, x, x, x, x, x]\n"
                + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                + "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
        publish(bomb).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0].message").value(org.hamcrest.Matchers.containsString("aliases")));
        assertThat(store.latestVersion(ID)).isEqualTo(latest);
    }

    @Test
    void arbitraryTypesAreRefused() throws Exception {
        String tagged = "id: android-missing-certificate\nversion: 1\n"
                + "x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://localhost/\"]]]]\n";
        publish(tagged).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0].message").value("explicit YAML tags are not allowed in scripts"));
        assertThat(store.latestVersion(ID)).isEqualTo(latest);
    }

    @Test
    void deepNestingIsRefused() throws Exception {
        publish("id: android-missing-certificate\nversion: 1\nx: " + "[".repeat(500) + "]".repeat(500) + "\n")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0].message").value(org.hamcrest.Matchers.containsString("nested deeper")));
    }

    @Test
    void aHugeBodyIsRefusedBeforeItIsRead() throws Exception {
        publish("# " + "x".repeat(300 * 1024) + "\n").andExpect(status().isContentTooLarge());
        assertThat(store.latestVersion(ID)).isEqualTo(latest);
    }

    @Test
    void textThatIsNotUtf8OrEmptyIsRefused() throws Exception {
        mvc.perform(put("/api/admin/scripts/" + ID).header("Authorization", AdminScriptsApiTests.admin())
                .contentType("application/yaml").content(new byte[] {(byte) 0xC3, (byte) 0x28, 'a'}))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0].message").value("the file is not UTF-8 text"));
        publish("").andExpect(status().isUnprocessableContent());
        assertThat(store.latestVersion(ID)).isEqualTo(latest);
    }

    @Test
    void anotherContentTypeIsRefused() throws Exception {
        mvc.perform(put("/api/admin/scripts/" + ID).header("Authorization", AdminScriptsApiTests.admin())
                .contentType("application/json").content("{}")).andExpect(status().isUnsupportedMediaType());
    }

    private org.springframework.test.web.servlet.ResultActions publish(String yaml) throws Exception {
        return mvc.perform(put("/api/admin/scripts/" + ID).header("Authorization", AdminScriptsApiTests.admin())
                .contentType("application/yaml").content(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
