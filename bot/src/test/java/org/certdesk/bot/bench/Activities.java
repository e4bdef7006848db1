package org.certdesk.bot.bench;

/**
 * The Bot Framework activities the load generator posts, shaped like Teams' personal-chat ones
 * (about 800 bytes). Even conversations are French ("aide"), odd ones English ("help"): the global
 * help intent, which answers with text and asks the current question again, and runs no action.
 */
final class Activities {
    static final String BOT_ID = "28:" + IdentityStub.APP_ID;

    private Activities() {
    }

    static String locale(int index) {
        return index % 2 == 0 ? "fr-FR" : "en-US";
    }

    static String helpText(int index) {
        return index % 2 == 0 ? "aide" : "help";
    }

    /** A message activity; {@code id} is put verbatim (the generator passes a placeholder). */
    static String message(int index, String conversationId, String serviceUrl, String id) {
        return "{\"type\":\"message\",\"id\":\"" + id + "\",\"timestamp\":\"2026-11-26T08:00:00.000Z\","
                + "\"localTimestamp\":\"2026-11-26T09:00:00.000+01:00\",\"channelId\":\"msteams\","
                + "\"serviceUrl\":\"" + serviceUrl + "\","
                + from(index) + "," + conversation(conversationId) + ","
                + "\"recipient\":{\"id\":\"" + BOT_ID + "\",\"name\":\"certdesk\"},"
                + "\"textFormat\":\"plain\",\"text\":\"" + helpText(index) + "\",\"locale\":\"" + locale(index) + "\","
                + "\"entities\":[{\"type\":\"clientInfo\",\"locale\":\"" + locale(index) + "\",\"country\":\"FR\","
                + "\"platform\":\"Android\",\"timezone\":\"Europe/Paris\"}],"
                + "\"channelData\":{\"tenant\":{\"id\":\"bench-tenant\"}}}";
    }

    /** The conversationUpdate adding the bot: the welcome. */
    static String welcome(int index, String conversationId, String serviceUrl) {
        return "{\"type\":\"conversationUpdate\",\"id\":\"f:welcome-" + index + "\",\"timestamp\":\"2026-11-26T08:00:00.000Z\","
                + "\"channelId\":\"msteams\",\"serviceUrl\":\"" + serviceUrl + "\","
                + from(index) + "," + conversation(conversationId) + ","
                + "\"recipient\":{\"id\":\"" + BOT_ID + "\",\"name\":\"certdesk\"},"
                + "\"membersAdded\":[{\"id\":\"" + BOT_ID + "\"}],\"locale\":\"" + locale(index) + "\","
                + "\"channelData\":{\"tenant\":{\"id\":\"bench-tenant\"}}}";
    }

    private static String from(int index) {
        return "\"from\":{\"id\":\"29:1bench-user-" + index + "\",\"name\":\"Bench User " + index + "\","
                + "\"aadObjectId\":\"00000000-0000-4000-8000-" + String.format("%012d", index) + "\"}";
    }

    private static String conversation(String conversationId) {
        return "\"conversation\":{\"id\":\"" + conversationId + "\",\"conversationType\":\"personal\","
                + "\"tenantId\":\"bench-tenant\"}";
    }
}
