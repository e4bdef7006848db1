package org.certdesk.bot.scripts;

import java.util.HashMap;
import java.util.Map;

import org.certdesk.bot.actions.AndroidApiLevels;
import org.certdesk.bot.conversation.StateBeforeStep;
import org.certdesk.dialogs.engine.ConversationState;
import org.springframework.stereotype.Component;

/**
 * Puts the phone's own Android version into the script's {@code android_version} answer once the
 * phone told it (the User-Agent of its certificate download), so the install steps match the phone
 * even when the user answered "I don't know" or guessed wrong. Only an answer already given is
 * replaced: the script still asks its question, and an unanswered variable stays unset. It knows the
 * default script's variable, so it lives with the scripts, behind the turn loop's general hook.
 */
@Component
final class PhoneVersion implements StateBeforeStep {

    @Override
    public ConversationState adjusted(ConversationState state, Integer androidApiLevel) {
        return applied(state, androidApiLevel);
    }

    static ConversationState applied(ConversationState state, Integer apiLevel) {
        String bucket = apiLevel == null ? null : AndroidApiLevels.bucketOf(apiLevel);
        String answered = state.variables().get(AndroidApiLevels.VARIABLE);
        if (bucket == null || answered == null || answered.equals(bucket)) {
            return state;
        }
        Map<String, String> variables = new HashMap<>(state.variables());
        variables.put(AndroidApiLevels.VARIABLE, bucket);
        return new ConversationState(state.scriptId(), state.scriptVersion(), state.stateId(), state.locale(),
                state.status(), state.misses(), state.offeringHuman(), state.pendingAction(), state.pendingRequestId(),
                state.actionSeq(), variables);
    }
}
