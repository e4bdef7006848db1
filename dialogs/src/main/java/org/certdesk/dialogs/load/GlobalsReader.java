package org.certdesk.dialogs.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.certdesk.dialogs.script.Globals;
import org.certdesk.dialogs.script.Localized;
import org.certdesk.dialogs.script.Phrases;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads the {@code global:} block: global intents and the engine's own texts. */
final class GlobalsReader {

    private static final Set<String> KEYS = Set.of("help", "restart", "human", "language",
            "not_understood", "offer_human", "busy", "ended", "topic", "small_talk", "fill");

    private final Fields fields;

    GlobalsReader(Fields fields) {
        this.fields = fields;
    }

    Globals read(Node node) {
        YamlMap map = YamlMap.read(node, "global", fields.problems());
        if (map == null) {
            return null;
        }
        map.allowOnly("global", KEYS);
        return new Globals(
                intent(map, "help", Set.of("phrases", "say"), true, false),
                intent(map, "restart", Set.of("phrases", "say"), true, false),
                intent(map, "human", Set.of("phrases", "say", "next"), false, true),
                language(map),
                textOnly(map, "not_understood"),
                offerHuman(map),
                textOnly(map, "busy"),
                textOnly(map, "ended"),
                topic(map),
                smallTalk(map),
                fills(map),
                map.at());
    }

    /** Optional: a script without a topic only understands its states' answers and the global intents. */
    private Globals.Topic topic(YamlMap global) {
        if (!global.has("topic")) {
            return null;
        }
        YamlMap map = YamlMap.read(global.get("topic"), "global.topic", fields.problems());
        if (map == null) {
            return null;
        }
        map.allowOnly("global.topic", Set.of("phrases", "say"));
        Node phrases = map.require("phrases", "global.topic");
        Node say = map.require("say", "global.topic");
        return new Globals.Topic(phrases == null ? Phrases.NONE : fields.phrases(phrases, "global.topic: phrases"),
                say == null ? null : fields.localized(say, "global.topic: say"), map.at());
    }

    private List<Globals.SmallTalk> smallTalk(YamlMap global) {
        List<Globals.SmallTalk> all = new ArrayList<>();
        if (!global.has("small_talk")) {
            return all;
        }
        for (Node item : fields.items(global.get("small_talk"), "global.small_talk")) {
            YamlMap map = YamlMap.read(item, "global.small_talk item", fields.problems());
            if (map == null) {
                continue;
            }
            map.allowOnly("global.small_talk item", Set.of("id", "phrases", "say"));
            Node id = map.require("id", "global.small_talk item");
            String name = id == null ? null : fields.id(id, "global.small_talk id", Fields.IdRule.SNAKE);
            String what = "global.small_talk '" + name + "'";
            Node phrases = map.require("phrases", what);
            all.add(new Globals.SmallTalk(name,
                    phrases == null ? Phrases.NONE : fields.phrases(phrases, what + ": phrases"),
                    map.has("say") ? fields.localized(map.get("say"), what + ": say") : null, map.at()));
        }
        return all;
    }

    private List<Globals.Fill> fills(YamlMap global) {
        List<Globals.Fill> all = new ArrayList<>();
        if (!global.has("fill")) {
            return all;
        }
        for (Node item : fields.items(global.get("fill"), "global.fill")) {
            YamlMap map = YamlMap.read(item, "global.fill item", fields.problems());
            if (map == null) {
                continue;
            }
            map.allowOnly("global.fill item", Set.of("variable", "values"));
            Node variable = map.require("variable", "global.fill item");
            String name = variable == null ? null : fields.id(variable, "global.fill variable", Fields.IdRule.SNAKE);
            String what = "global.fill '" + name + "'";
            Node valuesNode = map.require("values", what);
            Map<String, Phrases> values = new LinkedHashMap<>();
            YamlMap valueMap = valuesNode == null ? null
                    : YamlMap.read(valuesNode, what + ": values (value: phrases per language)", fields.problems());
            if (valueMap != null) {
                for (String value : valueMap.keys()) {
                    values.put(value, fields.phrases(valueMap.get(value), what + " value '" + value + "'"));
                }
            }
            all.add(new Globals.Fill(name, values, map.at()));
        }
        return all;
    }

    private Globals.GlobalIntent intent(YamlMap global, String key, Set<String> keys, boolean needsSay,
            boolean needsNext) {
        String what = "global." + key;
        YamlMap map = block(global, key);
        if (map == null) {
            return null;
        }
        map.allowOnly(what, keys);
        Node phrases = map.require("phrases", what);
        Node say = needsSay ? map.require("say", what) : map.get("say");
        Node next = needsNext ? map.require("next", what) : null;
        return new Globals.GlobalIntent(
                phrases == null ? Phrases.NONE : fields.phrases(phrases, what + ": phrases"),
                say == null ? null : fields.localized(say, what + ": say"),
                next == null ? null : fields.ref(next, what + ": next"), map.at());
    }

    private Globals.LanguageSwitch language(YamlMap global) {
        YamlMap map = block(global, "language");
        if (map == null) {
            return null;
        }
        map.allowOnly("global.language", Set.of("phrases", "say"));
        Node phrases = map.require("phrases", "global.language");
        Node say = map.require("say", "global.language");
        return new Globals.LanguageSwitch(
                phrases == null ? Phrases.NONE : fields.phrases(phrases, "global.language: phrases"),
                say == null ? null : fields.localized(say, "global.language: say"), map.at());
    }

    private Localized textOnly(YamlMap global, String key) {
        String what = "global." + key;
        YamlMap map = block(global, key);
        if (map == null) {
            return null;
        }
        map.allowOnly(what, Set.of("say"));
        Node say = map.require("say", what);
        return say == null ? null : fields.localized(say, what + ": say");
    }

    private Globals.OfferHuman offerHuman(YamlMap global) {
        String what = "global.offer_human";
        YamlMap map = block(global, "offer_human");
        if (map == null) {
            return null;
        }
        map.allowOnly(what, Set.of("after_misses", "say", "accept", "decline", "next"));
        Node misses = map.require("after_misses", what);
        Node say = map.require("say", what);
        Node next = map.require("next", what);
        return new Globals.OfferHuman(
                misses == null ? 0 : fields.positiveInt(misses, what + ": after_misses"),
                say == null ? null : fields.localized(say, what + ": say"),
                option(map, "accept"), option(map, "decline"),
                next == null ? null : fields.ref(next, what + ": next"), map.at());
    }

    private Globals.OfferOption option(YamlMap offer, String key) {
        String what = "global.offer_human." + key;
        Node node = offer.require(key, "global.offer_human");
        if (node == null) {
            return null;
        }
        YamlMap map = YamlMap.read(node, what, fields.problems());
        if (map == null) {
            return null;
        }
        map.allowOnly(what, Set.of("label", "phrases"));
        Node label = map.require("label", what);
        return new Globals.OfferOption(label == null ? null : fields.localized(label, what + ": label"),
                map.has("phrases") ? fields.phrases(map.get("phrases"), what + ": phrases") : Phrases.NONE,
                map.at());
    }

    private YamlMap block(YamlMap global, String key) {
        Node node = global.require(key, "global");
        return node == null ? null : YamlMap.read(node, "global." + key, fields.problems());
    }
}
