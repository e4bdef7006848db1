package org.certdesk.bot.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.certdesk.dialogs.lint.ScriptGraph;
import org.junit.jupiter.api.Test;

class MermaidDiagramTests {

    @Test
    void statesGetGeneratedIdsAndMarksAndLabelsCannotInjectSyntax() {
        ScriptGraph graph = new ScriptGraph("ask", List.of(
                new ScriptGraph.Node("ask", ScriptGraph.Kind.ASK, 1, false, false),
                new ScriptGraph.Node("lost", ScriptGraph.Kind.NONE, 5, true, true)),
                List.of(new ScriptGraph.Edge("ask", "nowhere", "yes\"]; click s0 call alert()", true)));

        String text = MermaidDiagram.of(graph);

        assertThat(text).startsWith("flowchart TD\n")
                .contains("  s0[\"ask\"]\n", "  s1(\"lost\")\n", "  m0[\"nowhere ?\"]\n", "entry((\" \")) --> s0")
                .contains("class s1 unreachable", "class s1 deadEnd", "class m0 missing")
                .contains("s0 -->|\"yes___ click s0 call alert__\"| m0")
                .doesNotContain("alert()");
    }
}
