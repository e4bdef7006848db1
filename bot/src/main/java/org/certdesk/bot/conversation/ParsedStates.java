package org.certdesk.bot.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import org.certdesk.bot.shared.Caches;
import org.certdesk.dialogs.engine.ConversationState;

/**
 * The dialog states this instance read or wrote lately, by their stored text. A turn reads its
 * conversation's state and writes the next one; the next turn reads back the very text this one
 * wrote, so it is parsed again only when the cache lost it (or another instance wrote it). Keyed by
 * the text itself, so a hit is always right: no version to keep in step, nothing to invalidate.
 * Parsing is the costly half (snakeyaml-engine builds a reader, scanner, parser and composer per
 * call; docs/performance.md), a look-up hashes the text once.
 */
final class ParsedStates {
    /** About the conversations a busy instance has going at once, a few kilobytes each. */
    private static final int SIZE = 4096;

    private final Cache<String, ConversationState> byText = Caches.inline().maximumSize(SIZE).build();

    ConversationState read(String json) {
        return byText.get(json, ConversationState::fromJson);
    }

    String write(ConversationState state) {
        String json = state.toJson();
        byText.put(json, state);
        return json;
    }
}
