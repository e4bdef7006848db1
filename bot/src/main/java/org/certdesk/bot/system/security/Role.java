package org.certdesk.bot.system.security;

/** What a signed-in person may do. Separate on purpose: an agent does not edit scripts, an admin does not read cases. */
public enum Role {
    /** Takes escalated conversations and chats with employees (the agent console, /api/agent). */
    AGENT,
    /** Edits, previews and publishes dialog scripts (the admin pages, /api/admin) and reads metrics. */
    ADMIN;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
