package org.certdesk.dialogs.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.certdesk.dialogs.lint.Problems;
import org.certdesk.dialogs.script.Position;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * A YAML mapping read as string keys to nodes, reporting duplicate and non-text keys on the way.
 * YAML 1.2 forbids duplicate keys, yet most parsers keep the last silently: an admin who pastes a
 * state twice would lose the first without a word, so each duplicate is a problem.
 */
final class YamlMap {

    private final Map<String, Node> values = new LinkedHashMap<>();
    private final Map<String, Position> keyPositions = new LinkedHashMap<>();
    private final Position at;
    private final Problems problems;

    private YamlMap(Position at, Problems problems) {
        this.at = at;
        this.problems = problems;
    }

    /** Reads {@code node} as a mapping; reports and returns {@code null} when it is something else. */
    static YamlMap read(Node node, String what, Problems problems) {
        if (!(node instanceof MappingNode mapping)) {
            problems.add(YamlDocument.position(node), what + " must be a mapping of 'key: value' lines");
            return null;
        }
        YamlMap map = new YamlMap(YamlDocument.position(node), problems);
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Position keyAt = YamlDocument.position(keyNode);
            if (!(keyNode instanceof ScalarNode scalar)) {
                problems.add(keyAt, what + ": a key must be plain text");
                continue;
            }
            String key = scalar.getValue();
            Position first = map.keyPositions.get(key);
            if (first != null) {
                problems.add(keyAt, what + ": duplicate key '" + key + "' (first at line " + first.line() + ")");
                continue;
            }
            map.values.put(key, tuple.getValueNode());
            map.keyPositions.put(key, keyAt);
        }
        return map;
    }

    Position at() {
        return at;
    }

    Set<String> keys() {
        return values.keySet();
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** The value node, or {@code null} when the key is absent. */
    Node get(String key) {
        return values.get(key);
    }

    Position keyAt(String key) {
        return keyPositions.getOrDefault(key, at);
    }

    /** The value node; reports {@code what} is missing and returns {@code null} when absent. */
    Node require(String key, String what) {
        Node node = values.get(key);
        if (node == null) {
            problems.add(at, what + ": missing '" + key + "'");
        }
        return node;
    }

    /** Reports every key not in {@code allowed}, listing the allowed ones (typos are the usual cause). */
    void allowOnly(String what, Set<String> allowed) {
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                problems.add(keyPositions.get(key), what + ": unknown key '" + key + "' (expected one of: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }
}
