package org.certdesk.bot.actions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.certdesk.dialogs.action.Catalogue;
import org.certdesk.dialogs.engine.UserInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The actions by catalogue name. Refuses to start when the catalogue names an action the bot does not
 * implement (or the reverse), so a script never waits for an action nobody runs.
 */
@Component
public class ActionRunner {
    private static final Logger log = LoggerFactory.getLogger(ActionRunner.class);

    private final Map<String, BotAction> byName = new HashMap<>();

    ActionRunner(List<BotAction> actions) {
        actions.forEach(action -> {
            if (byName.put(action.name(), action) != null) {
                throw new IllegalStateException("two implementations of action " + action.name());
            }
        });
        var declared = new TreeSet<>(Catalogue.standard().actions().keySet());
        if (!declared.equals(new TreeSet<>(byName.keySet()))) {
            throw new IllegalStateException("the dialogs catalogue declares actions " + declared
                    + ", the bot implements " + new TreeSet<>(byName.keySet()));
        }
    }

    /** Whether {@code name} is run outside the turn's transaction. */
    public boolean isSlow(String name) {
        return action(name).slow();
    }

    /** Runs the call; never throws: the bot's own failure becomes the action's declared failure outcome. */
    public UserInput.ActionResult run(ActionCall call) {
        BotAction action = action(call.request().name());
        try {
            return result(call, action.run(call));
        } catch (RuntimeException e) {
            log.error("action {} failed for conversation {}", call.request().name(), call.conversation(), e);
            return failed(call, e);
        }
    }

    /** The declared failure outcome of the call's action, for when its result cannot be used. */
    public UserInput.ActionResult failed(ActionCall call, Exception cause) {
        return result(call, action(call.request().name()).failed(call, cause));
    }

    private BotAction action(String name) {
        BotAction action = byName.get(name);
        if (action == null) {
            throw new IllegalArgumentException("no action named '" + name + "'");
        }
        return action;
    }

    private static UserInput.ActionResult result(ActionCall call, Outcome outcome) {
        return new UserInput.ActionResult(call.request().requestId(), call.request().name(), outcome.name(),
                outcome.variables());
    }
}
