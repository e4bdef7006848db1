package org.certdesk.dialogs.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTests {

    @Test
    void fillsVariablesAndLeavesUnsetOnesEmpty() {
        Template template = Template.parse("Il manque « {{ missing_name }} » ({{missing_sha256}}).");
        assertThat(template.variables()).containsExactly("missing_name", "missing_sha256");
        assertThat(template.render(Map.of("missing_name", "{{x}}"))).isEqualTo("Il manque « {{x}} » ().");
        assertThat(Template.parse("plain").render(Map.of())).isEqualTo("plain");
    }

    @Test
    void refusesUnclosedAndNonVariablePlaceholders() {
        assertThatThrownBy(() -> Template.parse("a {{name")).hasMessage("unclosed '{{' at offset 2");
        assertThatThrownBy(() -> Template.parse("{{Name}}")).hasMessage("'{{Name}}' at offset 0 is not a variable name (snake_case)");
    }
}
