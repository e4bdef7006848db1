package org.certdesk.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestTemplateTests {

    @Test
    void valuesAreJsonEscaped() {
        String filled = ManifestTemplate.fill("{\"name\": \"{{name}}\"}", Map.of("name", "IT \"desk\" \\ 1\n"));

        assertThat(filled).isEqualTo("{\"name\": \"IT \\\"desk\\\" \\\\ 1\\u000a\"}");
        assertThat(PackageUnderTest.JSON.readTree(filled).path("name").asString()).isEqualTo("IT \"desk\" \\ 1\n");
    }

    @Test
    void aPlaceholderWithoutValueIsABugNotAnEmptyString() {
        assertThatThrownBy(() -> ManifestTemplate.fill("\"{{botld}}\"", Map.of("botId", "x")))
                .hasMessageContaining("{{botld}}");
    }

    @Test
    void renderedManifestHasNoPlaceholderLeft() {
        String manifest = ManifestTemplate.render(SettingsResolver.resolve(Map.of(), Map.of()));

        assertThat(manifest).doesNotContain("{{", "}}");
        assertThat(PackageUnderTest.JSON.readTree(manifest).path("accentColor").asString())
                .isEqualTo(IconPainter.ACCENT_HEX).isEqualTo("#2E5AAC");
    }
}
