package org.certdesk.dialogs.load;

import java.util.Optional;
import org.certdesk.dialogs.lint.Problems;
import org.certdesk.dialogs.script.Position;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Turns YAML text into a node tree with positions, safely: scripts come from admins through a web
 * editor, so the text is bounded in size and nesting, and may use neither aliases (a few nested
 * aliases expand into billions of nodes when walked) nor explicit tags. Nothing is ever
 * constructed into Java objects other than nodes; the reader reads scalars as strings.
 */
final class YamlDocument {

    /** Far above any real script (the default one is about 20 KB). */
    static final int MAX_CODE_POINTS = 256 * 1024;
    /** A script nests about six levels deep; twenty leaves room and stops stack exhaustion. */
    static final int MAX_DEPTH = 20;

    private YamlDocument() {
    }

    /** Returns the root node, or empty after adding the reasons to {@code problems}. */
    static Optional<Node> parse(String text, Problems problems) {
        if (text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            problems.add(new Position(1, 1), "the file is longer than " + MAX_CODE_POINTS + " characters");
            return Optional.empty();
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(problems.file())
                .setCodePointLimit(MAX_CODE_POINTS * 4)
                .setMaxAliasesForCollections(0)
                .setAllowRecursiveKeys(false)
                .setAllowDuplicateKeys(true) // the reader reports duplicates itself, with positions
                .setUseMarks(true)
                .build();
        try {
            if (!safeToCompose(text, settings, problems)) {
                return Optional.empty();
            }
            Optional<Node> root = new Compose(settings).composeString(text);
            if (root.isEmpty()) {
                problems.add(new Position(1, 1), "the file is empty");
            }
            return root;
        } catch (MarkedYamlEngineException e) {
            Position at = e.getProblemMark().or(e::getContextMark).map(YamlDocument::position)
                    .orElse(new Position(1, 1));
            problems.add(at, "YAML syntax error: " + oneLine(e.getProblem()));
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.add(new Position(1, 1), "YAML error: " + oneLine(e.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * Walks the event stream (the parser keeps its own stack, so depth cannot overflow ours) and
     * reports what the composer must never see.
     */
    private static boolean safeToCompose(String text, LoadSettings settings, Problems problems) {
        boolean safe = true;
        int depth = 0;
        int documents = 0;
        for (Event event : new Parse(settings).parseString(text)) {
            Position at = event.getStartMark().map(YamlDocument::position).orElse(Position.NONE);
            switch (event.getEventId()) {
                case DocumentStart:
                    if (++documents == 2) {
                        problems.add(at, "a script file holds one YAML document; remove the '---' separator");
                        safe = false;
                    }
                    break;
                case MappingStart:
                case SequenceStart:
                    if (++depth > MAX_DEPTH) {
                        problems.add(at, "nested deeper than " + MAX_DEPTH + " levels");
                        return false;
                    }
                    if (((CollectionStartEvent) event).getTag().isPresent()) {
                        problems.add(at, "explicit YAML tags are not allowed in scripts");
                        safe = false;
                    }
                    break;
                case MappingEnd:
                case SequenceEnd:
                    depth--;
                    break;
                case Scalar:
                    if (((ScalarEvent) event).getTag().isPresent()) {
                        problems.add(at, "explicit YAML tags are not allowed in scripts");
                        safe = false;
                    }
                    break;
                case Alias:
                    problems.add(at, "aliases (*name) are not allowed in scripts; repeat the text instead");
                    safe = false;
                    break;
                default:
                    break;
            }
        }
        return safe;
    }

    static Position position(Mark mark) {
        return new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    static Position position(Node node) {
        return node.getStartMark().map(YamlDocument::position).orElse(Position.NONE);
    }

    private static String oneLine(String message) {
        return message == null ? "unreadable input" : message.strip().replaceAll("\\s+", " ");
    }
}
