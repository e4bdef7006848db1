package org.certdesk.dialogs.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.certdesk.dialogs.lint.ScriptGraph.Edge;
import org.certdesk.dialogs.lint.ScriptGraph.Kind;
import org.certdesk.dialogs.lint.ScriptGraph.Node;
import org.certdesk.dialogs.load.DefaultScripts;
import org.certdesk.dialogs.load.ScriptLoader;
import org.junit.jupiter.api.Test;

/** The diagram the admin editor draws: states, transitions, and the marks on drafts that do not lint. */
class ScriptGraphTests {

    private static final String MINIMAL = resource("lint/minimal.yaml");
    private final ScriptLoader loader = ScriptLoader.standard();

    @Test
    void aScriptThatLintsHasItsStatesAndTransitionsAndNoMarks() {
        ScriptGraph graph = loader.graph("minimal.yaml", MINIMAL).orElseThrow();

        assertThat(graph.start()).isEqualTo("ask");
        assertThat(graph.states()).extracting(Node::id).containsExactly("ask", "check", "found", "done", "human");
        assertThat(graph.states()).extracting(Node::kind)
                .containsExactly(Kind.ASK, Kind.ACTION, Kind.NEXT, Kind.RESOLVED, Kind.ESCALATED);
        assertThat(graph.states()).noneMatch(Node::unreachable).noneMatch(Node::deadEnd);
        assertThat(graph.states().get(0).line()).isEqualTo(22); // where its body starts, as the linter reports it
        assertThat(graph.edges()).contains(new Edge("ask", "done", "works", false),
                new Edge("check", "found", "found", false), new Edge("check", "done", "not_found", false),
                new Edge("found", "done", "next", false));
    }

    @Test
    void aDraftIsDrawnWithItsUnreachableAndDeadEndStatesMarked() {
        String draft = MINIMAL.replace("    next: done\n  done:", "  done:")
                + "  orphan:\n    say: { fr: \"Seul.\", en: \"Alone.\" }\n    end: resolved\n";
        assertThat(loader.load("draft.yaml", draft).problems()).isNotEmpty();

        ScriptGraph graph = loader.graph("draft.yaml", draft).orElseThrow();

        assertThat(graph.states()).filteredOn(Node::unreachable).extracting(Node::id).containsExactly("orphan");
        assertThat(graph.states()).filteredOn(Node::deadEnd).extracting(Node::id).containsExactly("found");
    }

    @Test
    void aTransitionToAMissingStateIsMarked() {
        String draft = MINIMAL.replace("        next: done\n      - id: check", "        next: dne\n      - id: check");
        assertThat(loader.graph("draft.yaml", draft).orElseThrow().edges())
                .contains(new Edge("ask", "dne", "works", true));
    }

    @Test
    void textThatIsNotYamlHasNoGraph() {
        assertThat(loader.graph("draft.yaml", "states: [unclosed")).isEmpty();
        assertThat(loader.graph("draft.yaml", "just text")).isEmpty();
    }

    @Test
    void theShippedScriptHasNoMarks() {
        String id = DefaultScripts.ANDROID_MISSING_CERTIFICATE;
        ScriptGraph graph = loader.graph(id + ".yaml", DefaultScripts.yaml(id)).orElseThrow();
        assertThat(graph.states()).hasSizeGreaterThan(10).noneMatch(Node::unreachable).noneMatch(Node::deadEnd);
    }

    private static String resource(String name) {
        try (InputStream in = ScriptGraphTests.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
