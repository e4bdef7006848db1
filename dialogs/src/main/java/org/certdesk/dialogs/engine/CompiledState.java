package org.certdesk.dialogs.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.certdesk.dialogs.script.Choice;
import org.certdesk.dialogs.script.Fact;
import org.certdesk.dialogs.script.Intent;
import org.certdesk.dialogs.script.Localized;
import org.certdesk.dialogs.script.State;
import org.certdesk.dialogs.script.Template;

/**
 * A state prepared for the engine: templates parsed and phrases cut into words once, at engine
 * construction, so that a step only looks things up.
 */
final class CompiledState {

    final State state;
    private final Map<String, List<Template>> say = new HashMap<>();
    private final Map<String, List<Template>> reask = new HashMap<>();
    private final Map<String, List<Template>> factLabels = new HashMap<>();
    private final List<Template> factValues = new ArrayList<>();
    private final Map<String, List<Template>> choiceLabels = new HashMap<>();
    private final Template[] download;
    private final Map<String, Template> actionArguments = new LinkedHashMap<>();
    private final Map<String, PhraseMatcher<Meaning>> matchers = new HashMap<>();

    CompiledState(State state, List<String> locales) {
        this.state = state;
        for (String locale : locales) {
            say.put(locale, state.say().stream().map(text -> parse(text, locale)).toList());
            reask.put(locale, state.reask() == null ? say.get(locale) : List.of(parse(state.reask(), locale)));
            factLabels.put(locale, state.facts().stream().map(f -> parse(f.label(), locale)).toList());
            choiceLabels.put(locale, state.choices().stream().map(c -> parse(c.label(), locale)).toList());
            PhraseMatcher<Meaning> matcher = new PhraseMatcher<>(locale);
            for (Choice choice : state.choices()) {
                Meaning.Pick pick = new Meaning.Pick(choice);
                matcher.add(choice.label().in(locale), pick);
                choice.phrases().in(locale).forEach(phrase -> matcher.add(phrase, pick));
            }
            for (Intent intent : state.intents()) {
                Meaning.Typed typed = new Meaning.Typed(intent);
                intent.phrases().in(locale).forEach(phrase -> matcher.add(phrase, typed));
            }
            matchers.put(locale, matcher);
        }
        state.facts().stream().map(Fact::value).map(Template::parse).forEach(factValues::add);
        download = state.download() == null ? null : new Template[] {Template.parse(state.download().url()),
                Template.parse(state.download().fileName()), Template.parse(state.download().sha256())};
        if (state.action() != null) {
            state.action().arguments().forEach((name, value) -> actionArguments.put(name, Template.parse(value)));
        }
    }

    private static Template parse(Localized text, String locale) {
        return Template.parse(text.in(locale));
    }

    PhraseMatcher<Meaning> matcher(String locale) {
        return matchers.get(locale);
    }

    /**
     * The choice the conversation already answered in passing: one that sets only variables free
     * text may fill ({@code fillable}), each to the value it already holds; {@code null} when none.
     * "Android 14" in the first message answers the version question, so it is not asked.
     */
    Choice answered(Map<String, String> variables, java.util.Set<String> fillable) {
        if (fillable.isEmpty() || !state.waitsForUser() || state.capture() != null) {
            return null;
        }
        for (Choice choice : state.choices()) {
            if (!choice.set().isEmpty() && fillable.containsAll(choice.set().keySet())
                    && choice.set().entrySet().stream().allMatch(e -> e.getValue().equals(variables.get(e.getKey())))) {
                return choice;
            }
        }
        return null;
    }

    /** The state's messages: its texts ({@code reask} ones when asking again), facts, download, buttons. */
    void render(String locale, boolean again, Map<String, String> variables, List<Message> out) {
        int first = out.size();
        for (Template text : (again ? reask : say).get(locale)) {
            out.add(new Message.Text(text.render(variables)));
        }
        if (!factValues.isEmpty()) {
            List<Template> labels = factLabels.get(locale);
            List<Message.Fact> facts = new ArrayList<>(factValues.size());
            for (int i = 0; i < factValues.size(); i++) {
                facts.add(new Message.Fact(labels.get(i).render(variables), factValues.get(i).render(variables)));
            }
            out.add(new Message.Facts(facts));
        }
        if (download != null) {
            out.add(new Message.Download(download[0].render(variables), download[1].render(variables),
                    download[2].render(variables)));
        }
        if (!state.choices().isEmpty()) {
            List<Template> labels = choiceLabels.get(locale);
            List<Message.Option> options = new ArrayList<>(labels.size());
            for (int i = 0; i < labels.size(); i++) {
                options.add(new Message.Option(state.choices().get(i).id(), labels.get(i).render(variables)));
            }
            // The question right before its buttons goes with them: one bubble, not two.
            String question = null;
            if (out.size() > first && out.get(out.size() - 1) instanceof Message.Text text && factValues.isEmpty()
                    && download == null) {
                question = text.text();
                out.remove(out.size() - 1);
            }
            out.add(new Message.Choices(question, options));
        }
    }

    Map<String, String> actionArguments(Map<String, String> variables) {
        Map<String, String> values = new LinkedHashMap<>();
        actionArguments.forEach((name, template) -> values.put(name, template.render(variables)));
        return values;
    }
}
