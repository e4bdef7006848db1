package org.certdesk.bot.scripts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.certdesk.dialogs.lint.ScriptGraph;

/**
 * A script graph as Mermaid flowchart text, which the admin page renders (securityLevel 'strict').
 * Node ids are generated ({@code s0}, {@code s1}...) and every label keeps only plain characters, so
 * nothing an admin writes in a script can become Mermaid syntax or markup.
 */
final class MermaidDiagram {
    private MermaidDiagram() {
    }

    static String of(ScriptGraph graph) {
        StringBuilder text = new StringBuilder("flowchart TD\n");
        Map<String, String> ids = new HashMap<>();
        List<String> unreachable = new ArrayList<>();
        List<String> deadEnds = new ArrayList<>();
        for (ScriptGraph.Node state : graph.states()) {
            String id = "s" + ids.size();
            ids.put(state.id(), id);
            String label = label(state.id());
            text.append("  ").append(id).append(switch (state.kind()) {
                case ASK -> "[\"" + label + "\"]";
                case CAPTURE -> "[/\"" + label + "\"/]";
                case ACTION -> "[[\"" + label + "\"]]";
                case BRANCH -> "{\"" + label + "\"}";
                case RESOLVED -> "([\"" + label + " ✓\"])";
                case ESCALATED -> "([\"" + label + " ☎\"])";
                case NEXT, NONE -> "(\"" + label + "\")";
            }).append('\n');
            if (state.unreachable()) {
                unreachable.add(id);
            }
            if (state.deadEnd()) {
                deadEnds.add(id);
            }
        }
        List<String> missing = new ArrayList<>();
        for (ScriptGraph.Edge edge : graph.edges()) {
            String to = ids.get(edge.to());
            if (to == null) {
                to = "m" + missing.size();
                ids.put(edge.to(), to);
                missing.add(to);
                text.append("  ").append(to).append("[\"").append(label(edge.to())).append(" ?\"]\n");
            }
            text.append("  ").append(ids.get(edge.from())).append(" -->");
            String label = label(edge.label());
            if (!label.isEmpty()) {
                text.append("|\"").append(label).append("\"|");
            }
            text.append(' ').append(to).append('\n');
        }
        if (graph.start() != null && ids.containsKey(graph.start())) {
            text.append("  entry((\" \")) --> ").append(ids.get(graph.start())).append('\n');
            text.append("  classDef entry fill:#333,stroke:#333\n  class entry entry\n");
        }
        text.append("  classDef unreachable fill:#fde2e1,stroke:#c62828,stroke-width:2px,stroke-dasharray:5 3\n");
        text.append("  classDef deadEnd fill:#fff3cd,stroke:#b26a00,stroke-width:3px\n");
        text.append("  classDef missing fill:#fff,stroke:#c62828,stroke-dasharray:2 2\n");
        classes(text, unreachable, "unreachable");
        classes(text, deadEnds, "deadEnd");
        classes(text, missing, "missing");
        return text.toString();
    }

    private static void classes(StringBuilder text, List<String> ids, String name) {
        if (!ids.isEmpty()) {
            text.append("  class ").append(String.join(",", ids)).append(' ').append(name).append('\n');
        }
    }

    /** Letters, digits and a few separators; anything else becomes '_'. */
    static String label(String text) {
        return text == null ? "" : text.replaceAll("[^\\p{L}\\p{N}_.\\- ]", "_");
    }
}
