package org.certdesk.dialogs.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.certdesk.dialogs.script.Script;
import org.junit.jupiter.api.Test;

class DefaultScriptsTests {

    @Test
    void everyShippedScriptLints() {
        for (String id : DefaultScripts.ids()) {
            LoadResult result = DefaultScripts.load(id, ScriptLoader.standard());
            assertThat(result.problems()).as(id).isEmpty();
            assertThat(result.warnings()).as(id + " warnings").isEmpty();
            Script script = result.orElseThrow();
            assertThat(script.id()).isEqualTo(id);
            assertThat(script.locales()).containsExactly("fr", "en");
        }
    }
}
