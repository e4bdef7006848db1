package org.certdesk.dialogs.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.certdesk.dialogs.script.ActionCall;
import org.certdesk.dialogs.script.Branch;
import org.certdesk.dialogs.script.Capture;
import org.certdesk.dialogs.script.Choice;
import org.certdesk.dialogs.script.DownloadSpec;
import org.certdesk.dialogs.script.Ending;
import org.certdesk.dialogs.script.Fact;
import org.certdesk.dialogs.script.Intent;
import org.certdesk.dialogs.script.Localized;
import org.certdesk.dialogs.script.Phrases;
import org.certdesk.dialogs.script.Position;
import org.certdesk.dialogs.script.Ref;
import org.certdesk.dialogs.script.Script;
import org.certdesk.dialogs.script.State;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Builds the script model from the node tree, reporting the shape problems (wrong types, unknown
 * or missing keys, badly formed ids, duplicate keys) with their positions. It reads on past every
 * problem so that the linter can report the rest at once; the result may then be partial (parts it
 * could not read are {@code null}), and is only ever used by the linter.
 */
final class ScriptReader {

    private static final Set<String> SCRIPT_KEYS =
            Set.of("id", "version", "description", "locales", "start", "global", "states");
    private static final Set<String> STATE_KEYS = Set.of("description", "say", "reask", "facts",
            "download", "choices", "intents", "capture", "action", "branch", "next", "fallback", "end", "reason");

    private final Fields fields;
    private final String file;

    ScriptReader(String file, Fields fields) {
        this.file = file;
        this.fields = fields;
    }

    /** Returns the (possibly partial) script, or {@code null} when the root is not a mapping. */
    Script read(Node root) {
        YamlMap map = YamlMap.read(root, "script", fields.problems());
        if (map == null) {
            return null;
        }
        map.allowOnly("script", SCRIPT_KEYS);
        String id = optional(map, "id", "script", n -> fields.id(n, "script id", Fields.IdRule.KEBAB));
        int version = map.has("version") ? fields.positiveInt(map.get("version"), "version") : 0;
        if (!map.has("version")) {
            map.require("version", "script");
        }
        String description = map.has("description") ? fields.text(map.get("description"), "description") : "";
        List<String> locales = optional(map, "locales", "script", this::locales);
        Ref start = optional(map, "start", "script", n -> fields.ref(n, "start"));
        var global = optional(map, "global", "script", n -> new GlobalsReader(fields).read(n));
        Map<String, State> states = optional(map, "states", "script", this::states);
        return new Script(file, id, version, description == null ? "" : description,
                locales == null ? List.of() : locales, start, global,
                states == null ? Map.of() : states, map.at());
    }

    private <T> T optional(YamlMap map, String key, String what, java.util.function.Function<Node, T> reader) {
        Node node = map.require(key, what);
        return node == null ? null : reader.apply(node);
    }

    private List<String> locales(Node node) {
        List<String> locales = new ArrayList<>();
        for (Node item : fields.items(node, "locales")) {
            String locale = fields.id(item, "locale", Fields.IdRule.LOCALE);
            if (locale != null && locales.contains(locale)) {
                fields.problems().add(YamlDocument.position(item), "locale '" + locale + "' is listed twice");
            } else if (locale != null) {
                locales.add(locale);
            }
        }
        if (locales.isEmpty()) {
            fields.problems().add(YamlDocument.position(node), "locales: list at least one language, e.g. [fr, en]");
        }
        return locales;
    }

    private Map<String, State> states(Node node) {
        YamlMap map = YamlMap.read(node, "states", fields.problems());
        Map<String, State> states = new LinkedHashMap<>();
        if (map != null) {
            for (String id : map.keys()) {
                fields.checkId(map.keyAt(id), id, "state id", Fields.IdRule.SNAKE);
                State state = state(id, map.get(id), map.keyAt(id));
                if (state != null) {
                    states.put(id, state);
                }
            }
        }
        return states;
    }

    private State state(String id, Node node, Position keyAt) {
        String what = "state '" + id + "'";
        YamlMap map = YamlMap.read(node, what, fields.problems());
        if (map == null) {
            return null;
        }
        map.allowOnly(what, STATE_KEYS);
        String description = map.has("description") ? fields.text(map.get("description"), what + ": description") : "";
        List<Localized> say = map.has("say") ? say(map.get("say"), what + ": say") : List.of();
        Localized reask = map.has("reask") ? fields.localized(map.get("reask"), what + ": reask") : null;
        List<Fact> facts = map.has("facts") ? facts(map.get("facts"), what + ": facts") : List.of();
        DownloadSpec download = map.has("download") ? download(map.get("download"), what + ": download") : null;
        List<Choice> choices = map.has("choices") ? choices(map.get("choices"), what) : List.of();
        List<Intent> intents = map.has("intents") ? intents(map.get("intents"), what) : List.of();
        Capture capture = map.has("capture") ? capture(map.get("capture"), what + ": capture") : null;
        ActionCall action = map.has("action") ? action(map.get("action"), what + ": action") : null;
        Branch branch = map.has("branch") ? branch(map.get("branch"), what + ": branch") : null;
        Ref next = map.has("next") ? fields.ref(map.get("next"), what + ": next") : null;
        Ref fallback = map.has("fallback") ? fields.ref(map.get("fallback"), what + ": fallback") : null;
        Ending end = map.has("end") ? ending(map, what) : null;
        if (end == null && map.has("reason")) {
            fields.problems().add(map.keyAt("reason"), what + ": 'reason' belongs to 'end: escalated'");
        }
        return new State(id, description == null ? "" : description, say, reask, facts, download,
                choices, intents, capture, action, branch, next, fallback, end, keyAt);
    }

    /** One text, or a list of texts said as separate messages. */
    private List<Localized> say(Node node, String what) {
        if (node instanceof org.snakeyaml.engine.v2.nodes.SequenceNode) {
            return fields.items(node, what).stream().map(n -> fields.localized(n, what)).toList();
        }
        return List.of(fields.localized(node, what));
    }

    private List<Fact> facts(Node node, String what) {
        List<Fact> facts = new ArrayList<>();
        for (Node item : fields.items(node, what)) {
            YamlMap map = YamlMap.read(item, what + " item", fields.problems());
            if (map == null) {
                continue;
            }
            map.allowOnly(what + " item", Set.of("label", "value"));
            Node label = map.require("label", what + " item");
            Node value = map.require("value", what + " item");
            facts.add(new Fact(label == null ? null : fields.localized(label, what + ": label"),
                    value == null ? null : fields.text(value, what + ": value"), map.at()));
        }
        return facts;
    }

    private DownloadSpec download(Node node, String what) {
        YamlMap map = YamlMap.read(node, what, fields.problems());
        if (map == null) {
            return null;
        }
        map.allowOnly(what, Set.of("url", "file_name", "sha256"));
        Node url = map.require("url", what);
        Node fileName = map.require("file_name", what);
        Node sha256 = map.require("sha256", what);
        return new DownloadSpec(url == null ? null : fields.text(url, what + ": url"),
                fileName == null ? null : fields.text(fileName, what + ": file_name"),
                sha256 == null ? null : fields.text(sha256, what + ": sha256"), map.at());
    }

    private List<Choice> choices(Node node, String state) {
        List<Choice> choices = new ArrayList<>();
        for (Node item : fields.items(node, state + ": choices")) {
            YamlMap map = YamlMap.read(item, state + ": choice", fields.problems());
            if (map == null) {
                continue;
            }
            Node idNode = map.require("id", state + ": choice");
            String id = idNode == null ? null : fields.id(idNode, state + ": choice id", Fields.IdRule.SNAKE);
            String what = state + ": choice '" + id + "'";
            map.allowOnly(what, Set.of("id", "label", "phrases", "set", "next"));
            Node label = map.require("label", what);
            Node next = map.require("next", what);
            choices.add(new Choice(id, label == null ? null : fields.localized(label, what + ": label"),
                    map.has("phrases") ? fields.phrases(map.get("phrases"), what + ": phrases") : Phrases.NONE,
                    map.has("set") ? fields.variables(map.get("set"), what + ": set") : Map.of(),
                    next == null ? null : fields.ref(next, what + ": next"), map.at()));
        }
        return choices;
    }

    private List<Intent> intents(Node node, String state) {
        List<Intent> intents = new ArrayList<>();
        for (Node item : fields.items(node, state + ": intents")) {
            YamlMap map = YamlMap.read(item, state + ": intent", fields.problems());
            if (map == null) {
                continue;
            }
            Node idNode = map.require("id", state + ": intent");
            String id = idNode == null ? null : fields.id(idNode, state + ": intent id", Fields.IdRule.SNAKE);
            String what = state + ": intent '" + id + "'";
            map.allowOnly(what, Set.of("id", "phrases", "set", "next"));
            Node phrases = map.require("phrases", what);
            Node next = map.require("next", what);
            intents.add(new Intent(id, phrases == null ? Phrases.NONE : fields.phrases(phrases, what + ": phrases"),
                    map.has("set") ? fields.variables(map.get("set"), what + ": set") : Map.of(),
                    next == null ? null : fields.ref(next, what + ": next"), map.at()));
        }
        return intents;
    }

    private Capture capture(Node node, String what) {
        YamlMap map = YamlMap.read(node, what, fields.problems());
        if (map == null) {
            return null;
        }
        map.allowOnly(what, Set.of("variable", "max_length"));
        Node variable = map.require("variable", what);
        int maxLength = map.has("max_length") ? fields.positiveInt(map.get("max_length"), what + ": max_length")
                : Capture.DEFAULT_MAX_LENGTH;
        return new Capture(variable == null ? null : fields.id(variable, what + ": variable", Fields.IdRule.SNAKE),
                maxLength, map.at());
    }

    private ActionCall action(Node node, String what) {
        YamlMap map = YamlMap.read(node, what, fields.problems());
        if (map == null) {
            return null;
        }
        map.allowOnly(what, Set.of("name", "with", "outcomes"));
        Node name = map.require("name", what);
        Map<String, String> arguments = new LinkedHashMap<>();
        if (map.has("with")) {
            YamlMap with = YamlMap.read(map.get("with"), what + ": with", fields.problems());
            if (with != null) {
                for (String argument : with.keys()) {
                    String value = fields.text(with.get(argument), what + ": argument '" + argument + "'");
                    arguments.put(argument, value == null ? "" : value);
                }
            }
        }
        Map<String, Ref> outcomes = new LinkedHashMap<>();
        Node outcomesNode = map.require("outcomes", what);
        if (outcomesNode != null) {
            YamlMap targets = YamlMap.read(outcomesNode, what + ": outcomes", fields.problems());
            if (targets != null) {
                for (String outcome : targets.keys()) {
                    Ref target = fields.ref(targets.get(outcome), what + ": outcome '" + outcome + "'");
                    if (target != null) {
                        outcomes.put(outcome, target);
                    }
                }
            }
        }
        return new ActionCall(name == null ? null : fields.id(name, what + ": name", Fields.IdRule.ACTION),
                arguments, outcomes, map.at());
    }

    private Branch branch(Node node, String what) {
        YamlMap map = YamlMap.read(node, what, fields.problems());
        if (map == null) {
            return null;
        }
        map.allowOnly(what, Set.of("variable", "cases", "otherwise"));
        Node variable = map.require("variable", what);
        Map<String, Ref> cases = new LinkedHashMap<>();
        Node casesNode = map.require("cases", what);
        if (casesNode != null) {
            YamlMap targets = YamlMap.read(casesNode, what + ": cases", fields.problems());
            if (targets != null) {
                for (String value : targets.keys()) {
                    Ref target = fields.ref(targets.get(value), what + ": case '" + value + "'");
                    if (target != null) {
                        cases.put(value, target);
                    }
                }
            }
        }
        // Required: a variable can hold a value no case names (e.g. after an agent hands a
        // conversation back), and the engine must always know where to go.
        Node otherwiseNode = map.require("otherwise", what);
        Ref otherwise = otherwiseNode == null ? null : fields.ref(otherwiseNode, what + ": otherwise");
        return new Branch(variable == null ? null : fields.id(variable, what + ": variable", Fields.IdRule.SNAKE),
                cases, otherwise, map.at());
    }

    private Ending ending(YamlMap map, String what) {
        Node endNode = map.get("end");
        String kind = fields.text(endNode, what + ": end");
        Position at = YamlDocument.position(endNode);
        if ("resolved".equals(kind)) {
            if (map.has("reason")) {
                fields.problems().add(map.keyAt("reason"), what + ": a resolved end takes no 'reason'");
            }
            return new Ending(Ending.Kind.RESOLVED, null, at);
        }
        if ("escalated".equals(kind)) {
            Node reason = map.require("reason", what + " (end: escalated)");
            // Positioned at the reason, which is what the linter checks further.
            return new Ending(Ending.Kind.ESCALATED,
                    reason == null ? null : fields.id(reason, what + ": reason", Fields.IdRule.SNAKE),
                    reason == null ? at : YamlDocument.position(reason));
        }
        if (kind != null) {
            fields.problems().add(at, what + ": end must be 'resolved' or 'escalated', not '" + kind + "'");
        }
        // Still a terminal state, so the linter does not add "no way out" to the problem above.
        return new Ending(Ending.Kind.RESOLVED, null, at);
    }
}
