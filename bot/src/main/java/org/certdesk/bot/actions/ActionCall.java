package org.certdesk.bot.actions;

import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.dialogs.engine.ActionRequest;

/**
 * An action request of the engine, with what the bot knows of the conversation that asked.
 *
 * @param conversationRef the conversation's surrogate number, for references in links
 * @param locale the conversation's language ({@code fr}, {@code en})
 * @param androidApiLevel the phone's API level read from its User-Agent, or null when unknown
 */
public record ActionCall(ConversationKey conversation, long conversationRef, String locale, Integer androidApiLevel,
        ActionRequest request) {}
