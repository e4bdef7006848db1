package org.certdesk.dialogs.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.certdesk.dialogs.lint.Problems;
import org.certdesk.dialogs.script.Ids;
import org.certdesk.dialogs.script.Localized;
import org.certdesk.dialogs.script.Phrases;
import org.certdesk.dialogs.script.Position;
import org.certdesk.dialogs.script.Ref;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Reads the value shapes scripts are made of, reporting what does not fit and carrying on. */
final class Fields {

    private final Problems problems;

    Fields(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    /** A scalar as text; {@code null} (reported) when the node is a list, a mapping or empty. */
    String text(Node node, String what) {
        if (node instanceof ScalarNode scalar && !Tag.NULL.equals(scalar.getTag())) {
            return scalar.getValue();
        }
        problems.add(YamlDocument.position(node), what + " must be a single value"
                + (node instanceof ScalarNode ? ", not empty" : ""));
        return null;
    }

    /** A scalar that must be an id following {@code rule}; reported and {@code null} otherwise. */
    String id(Node node, String what, IdRule rule) {
        String value = text(node, what);
        if (value == null) {
            return null;
        }
        Position at = YamlDocument.position(node);
        if (node instanceof ScalarNode scalar && scalar.isPlain() && Ids.isYaml11Boolean(value)) {
            problems.add(at, what + " '" + value + "' reads as true/false in YAML 1.1 tools;"
                    + " use a longer id such as '" + value.toLowerCase(java.util.Locale.ROOT) + "_answer'");
        } else if (!rule.accepts(value)) {
            problems.add(at, what + " '" + value + "' must be " + rule.description);
        }
        return value;
    }

    Ref ref(Node node, String what) {
        String state = id(node, what, IdRule.SNAKE);
        return state == null ? null : new Ref(state, YamlDocument.position(node));
    }

    int positiveInt(Node node, String what) {
        String value = text(node, what);
        if (value != null) {
            try {
                int number = Integer.parseInt(value.strip());
                if (number >= 1) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(YamlDocument.position(node), what + " must be a whole number of at least 1, not '" + value + "'");
        }
        return 0;
    }

    /** A text per locale: {@code {fr: "...", en: "..."}}. Which locales are required is the linter's call. */
    Localized localized(Node node, String what) {
        YamlMap map = YamlMap.read(node, what + " (one text per language, e.g. 'fr: ...')", problems);
        if (map == null) {
            return new Localized(Map.of(), YamlDocument.position(node));
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (String locale : map.keys()) {
            String text = text(map.get(locale), what + " in '" + locale + "'");
            if (text != null) {
                texts.put(locale, text);
            }
        }
        return new Localized(texts, map.at());
    }

    /** Phrases per locale; each locale takes one phrase or a list. */
    Phrases phrases(Node node, String what) {
        YamlMap map = YamlMap.read(node, what + " (phrases per language, e.g. 'fr: [oui, d’accord]')", problems);
        if (map == null) {
            return new Phrases(Map.of(), YamlDocument.position(node));
        }
        Map<String, List<String>> byLocale = new LinkedHashMap<>();
        for (String locale : map.keys()) {
            byLocale.put(locale, texts(map.get(locale), what + " in '" + locale + "'"));
        }
        return new Phrases(byLocale, map.at());
    }

    /** One value or a list of values, as texts. */
    List<String> texts(Node node, String what) {
        List<String> texts = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                String text = text(item, what);
                if (text != null) {
                    texts.add(text);
                }
            }
        } else {
            String text = text(node, what);
            if (text != null) {
                texts.add(text);
            }
        }
        return texts;
    }

    /** A list's items; a single value is reported (scripts must say which things are lists). */
    List<Node> items(Node node, String what) {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        problems.add(YamlDocument.position(node), what + " must be a list ('- ' items)");
        return List.of();
    }

    /** {@code variable: value} pairs, such as a choice's {@code set}. */
    Map<String, String> variables(Node node, String what) {
        YamlMap map = YamlMap.read(node, what, problems);
        Map<String, String> values = new LinkedHashMap<>();
        if (map != null) {
            for (String name : map.keys()) {
                checkId(map.keyAt(name), name, what + " variable", IdRule.SNAKE);
                String value = text(map.get(name), what + " '" + name + "'");
                if (value != null) {
                    values.put(name, value);
                }
            }
        }
        return values;
    }

    /** Checks an id that is a mapping key (the key's node is gone, only its position remains). */
    void checkId(Position at, String value, String what, IdRule rule) {
        if (!rule.accepts(value)) {
            problems.add(at, what + " '" + value + "' must be " + rule.description);
        } else if (Ids.isYaml11Boolean(value)) {
            problems.add(at, what + " '" + value + "' reads as true/false in YAML 1.1 tools;"
                    + " use a longer id such as '" + value + "_answer'");
        }
    }

    /** The naming rules, each with the words that explain it to an admin. */
    enum IdRule {
        SNAKE("snake_case (lowercase letters, digits and '_', starting with a letter)"),
        KEBAB("kebab-case (lowercase letters, digits and '-', starting with a letter)"),
        ACTION("an action name like 'area.verb-object'"),
        LOCALE("a language code such as 'fr' or 'en'");

        private final String description;

        IdRule(String description) {
            this.description = description;
        }

        boolean accepts(String value) {
            switch (this) {
                case SNAKE:
                    return Ids.isSnakeCase(value);
                case KEBAB:
                    return Ids.isKebabCase(value);
                case ACTION:
                    return Ids.isActionName(value);
                default:
                    return value.matches("[a-z]{2,3}");
            }
        }
    }
}
