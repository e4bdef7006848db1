package org.certdesk.bot.helpdesk;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.certdesk.bot.shared.ConversationKey;

/**
 * A helpdesk case: one escalation of a conversation, with the employee as the channel knows them.
 *
 * @param conversationRef the conversation's short number (download links carry it)
 * @param locale the conversation's language when it escalated
 * @param variables the dialog's variables then (Android version, analyzer verdict, first missing certificate)
 * @param androidApiLevel from the phone's User-Agent when it downloaded a certificate, or null
 * @param takenBy the account of the agent who took it (for Entra ID, the object id), or null while queued
 * @param takenByName that agent's name as people read it
 */
record HelpdeskCase(long id, ConversationKey conversation, long conversationRef, Status status, String reason,
        String locale, Map<String, String> variables, Employee employee, Integer androidApiLevel, Instant createdAt,
        String takenBy, String takenByName, Instant takenAt, Instant closedAt, String returnState) {

    enum Status {
        /** Queued: no agent yet. */
        OPEN,
        /** An agent has it and chats with the employee. */
        TAKEN,
        RESOLVED,
        /** Handed back to the bot at {@link #returnState()}. */
        RETURNED,
        /** The employee cancelled it. */
        CANCELLED;

        static final Set<Status> ACTIVE = Set.of(OPEN, TAKEN);
    }

    /**
     * @param teamsId the channel's user id (Teams {@code 29:...}; the web chat's visitor id)
     * @param aadObjectId the Entra ID object id (Teams only)
     */
    record Employee(String name, String teamsId, String aadObjectId, String tenantId, String channel) {
    }

    boolean active() {
        return Status.ACTIVE.contains(status);
    }

    /** Who has the case, for people: the agent's name (cases taken before names were kept: the account). */
    String agentName() {
        return takenByName != null ? takenByName : takenBy;
    }

    boolean takenBy(String agent) {
        return status == Status.TAKEN && agent.equals(takenBy);
    }

    /**
     * The Android version as the employee gave it in the script ({@code 11_plus} reads "11+"), with the
     * phone's API level when it downloaded a certificate; null when neither is known.
     */
    String androidVersion() {
        String said = switch (variables.getOrDefault("android_version", "")) {
            case "11_plus" -> "11+";
            case "7_to_10" -> "7-10";
            default -> null;
        };
        if (androidApiLevel == null) {
            return said;
        }
        return (said == null ? "" : said + " ") + "(API " + androidApiLevel + ")";
    }
}
