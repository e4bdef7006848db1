package org.certdesk.dialogs.engine;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything needed to resume a conversation after a restart, and nothing else: which script and
 * version it runs (a conversation keeps its version when a newer one is published), where it is,
 * in which language, what it has learnt, and what it waits for. Serialises to a small JSON object
 * with {@link #toJson()}.
 *
 * @param misses           inputs in a row that matched nothing
 * @param offeringHuman    the last reply offered a human (accept/decline buttons)
 * @param pendingAction    the action whose result the conversation waits for, or {@code null}
 * @param pendingRequestId the id of that action request, or {@code null}
 * @param actionSeq        how many actions were requested, to give each request a new id
 * @param variables        sorted by name, so the JSON is stable
 */
public record ConversationState(String scriptId, int scriptVersion, String stateId, String locale,
        Status status, int misses, boolean offeringHuman, String pendingAction, String pendingRequestId,
        int actionSeq, Map<String, String> variables) {

    public enum Status {
        /** Waiting for the user. */
        ACTIVE,
        /** Waiting for the result of {@link ConversationState#pendingAction()}. */
        WAITING_FOR_ACTION,
        /** Ended: the user can sign in. */
        RESOLVED,
        /** Ended: handed to the helpdesk. */
        ESCALATED
    }

    public ConversationState {
        java.util.Objects.requireNonNull(scriptId, "scriptId");
        java.util.Objects.requireNonNull(stateId, "stateId");
        java.util.Objects.requireNonNull(locale, "locale");
        java.util.Objects.requireNonNull(status, "status");
        variables = variables instanceof SortedVariables ? variables
                : new SortedVariables(new TreeMap<>(variables));
    }

    public boolean ended() {
        return status == Status.RESOLVED || status == Status.ESCALATED;
    }

    /** The state as a JSON object (UTF-8 text, a few hundred bytes). */
    public String toJson() {
        return StateJson.write(this);
    }

    /**
     * Reads what {@link #toJson()} wrote; unknown fields are ignored so that older code can read
     * newer states.
     *
     * @throws IllegalArgumentException when the text is not such an object, naming the offset or field
     */
    public static ConversationState fromJson(String json) {
        return StateJson.read(json);
    }

    /** An unmodifiable sorted map we know we built, so the constructor need not copy it again. */
    static final class SortedVariables extends java.util.AbstractMap<String, String> {
        private final Map<String, String> map;

        SortedVariables(TreeMap<String, String> map) {
            this.map = Collections.unmodifiableMap(map);
        }

        @Override
        public java.util.Set<Entry<String, String>> entrySet() {
            return map.entrySet();
        }

        @Override
        public String get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }
    }
}
