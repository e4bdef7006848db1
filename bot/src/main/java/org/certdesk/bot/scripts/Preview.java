package org.certdesk.bot.scripts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.certdesk.dialogs.action.ActionSpec;
import org.certdesk.dialogs.action.Catalogue;
import org.certdesk.dialogs.action.OutcomeSpec;
import org.certdesk.dialogs.engine.ActionRequest;
import org.certdesk.dialogs.engine.ConversationState;
import org.certdesk.dialogs.engine.DialogEngine;
import org.certdesk.dialogs.engine.Message;
import org.certdesk.dialogs.engine.TurnResult;
import org.certdesk.dialogs.engine.UserInput;
import org.certdesk.dialogs.script.Script;

/**
 * The admin's chat with a draft: the real engine on the draft script, stateless on the server (the
 * conversation state and the pending action request travel to the page and back). An action is
 * answered either by the admin, who picks one of the outcomes the catalogue declares (the variables
 * the outcome sets get sample values, so the texts that use them show where they go), or by the bot's
 * real implementation (the analyzer probing the configured sign-in hosts).
 */
final class Preview {
    private Preview() {
    }

    /**
     * What the page sends: the state it holds ({@code null} to start), what the admin did
     * ({@code start}, {@code text}, {@code choice}, {@code outcome}, {@code run}, {@code locale}) and,
     * for {@code run}, the arguments of the pending action request it was given.
     */
    record Request(String yaml, String state, String locale, String type, String value, Map<String, String> arguments) {}

    static Map<String, Object> turn(Script script, Catalogue catalogue, Request request,
            Function<ActionRequest, UserInput.ActionResult> realAction) {
        DialogEngine engine = new DialogEngine(script, catalogue);
        TurnResult result;
        String type = request.type() == null ? "start" : request.type();
        if (request.state() == null || request.state().isBlank() || type.equals("start")) {
            result = engine.start(request.locale());
        } else {
            ConversationState state = ConversationState.fromJson(request.state());
            if (!state.scriptId().equals(script.id()) || state.scriptVersion() != script.version()) {
                // The admin changed the script's id or version line: the old state no longer fits.
                result = engine.start(request.locale());
            } else {
                String value = request.value() == null ? "" : request.value();
                result = engine.step(state, switch (type) {
                    case "choice" -> new UserInput.Choice(value);
                    case "outcome" -> outcome(state, catalogue, value);
                    case "run" -> realAction.apply(pending(state, request.arguments()));
                    case "locale" -> new UserInput.SwitchLocale(value);
                    default -> new UserInput.Text(value);
                });
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", result.state().toJson());
        out.put("stateId", result.state().stateId());
        out.put("status", result.state().status().name());
        out.put("messages", result.messages().stream().map(Preview::message).toList());
        out.put("transitions", result.taken().stream().map(t -> t.from() + " → " + t.to()).toList());
        String pending = result.state().pendingAction();
        if (pending != null && catalogue.action(pending) != null) {
            ActionSpec spec = catalogue.action(pending);
            Map<String, String> arguments = result.actions().stream()
                    .filter(a -> a.requestId().equals(result.state().pendingRequestId())).findFirst()
                    .map(ActionRequest::arguments).orElse(Map.of());
            out.put("pendingAction", Map.of("name", pending, "arguments", arguments, "outcomes", spec.outcomes().values()
                    .stream().map(o -> Map.of("name", o.name(), "description", o.description())).toList()));
        }
        return out;
    }

    private static ActionRequest pending(ConversationState state, Map<String, String> arguments) {
        if (state.pendingAction() == null || state.pendingRequestId() == null) {
            throw new IllegalArgumentException("the conversation does not wait for an action");
        }
        return new ActionRequest(state.pendingRequestId(), state.pendingAction(), arguments == null ? Map.of() : arguments);
    }

    private static UserInput outcome(ConversationState state, Catalogue catalogue, String outcome) {
        ActionSpec spec = state.pendingAction() == null ? null : catalogue.action(state.pendingAction());
        if (spec == null || !spec.outcomes().containsKey(outcome)) {
            throw new IllegalArgumentException("the conversation does not wait for an action with outcome '" + outcome + "'");
        }
        OutcomeSpec declared = spec.outcomes().get(outcome);
        Map<String, String> variables = new LinkedHashMap<>();
        declared.variables().forEach(name -> variables.put(name, sample(name)));
        return new UserInput.ActionResult(state.pendingRequestId(), spec.name(), outcome, variables);
    }

    /** A value that looks like the real thing where the engine or a channel may check its form. */
    private static String sample(String variable) {
        return switch (variable) {
            case "missing_sha256" -> "AB".repeat(32);
            case "missing_download_url" -> "/certificates/preview";
            case "missing_file_name" -> "preview.crt";
            case "missing_count" -> "2";
            case "missing_name" -> "Contoso Issuing CA 1";
            default -> "[" + variable + "]";
        };
    }

    private static Map<String, Object> message(Message message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", message.kind().name());
        if (message instanceof Message.Text text) {
            out.put("text", text.text());
        } else if (message instanceof Message.Choices choices) {
            if (choices.text() != null) {
                out.put("text", choices.text());
            }
            List<Map<String, String>> options = new ArrayList<>();
            choices.options().forEach(o -> options.add(Map.of("id", o.id(), "label", o.label())));
            out.put("options", options);
        } else if (message instanceof Message.Facts facts) {
            List<Map<String, String>> list = new ArrayList<>();
            facts.facts().forEach(f -> list.add(Map.of("label", f.label(), "value", f.value())));
            out.put("facts", list);
        } else if (message instanceof Message.Download download) {
            out.put("fileName", download.fileName());
            out.put("sha256", download.sha256());
        }
        return out;
    }
}
