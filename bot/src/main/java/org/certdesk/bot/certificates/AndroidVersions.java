package org.certdesk.bot.certificates;

/**
 * Where the phone's Android version, read from its certificate download, is kept for its
 * conversation. The certificates package owns this port so that it never imports the conversation
 * package; the conversation store implements it.
 */
public interface AndroidVersions {

    /** @return whether a conversation has that id */
    boolean saveAndroidApiLevel(long conversationId, int apiLevel);
}
