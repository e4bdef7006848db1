package org.certdesk.bot.certificates;

import org.certdesk.bot.system.CertdeskProperties;
import org.springframework.stereotype.Component;

/**
 * The absolute download link the chat shows, e.g.
 * {@code https://certdesk.contoso.com/certificates/3f1c….crt?c=42.q3vD1QK0dVvHkqfJ2CwR5w}: the phone
 * follows it from the chat, so it starts with {@code certdesk.public-base-url}.
 */
@Component
public class CertificateLinks {
    private final String base;
    private final ConversationTokens tokens;

    CertificateLinks(CertdeskProperties properties, ConversationTokens tokens) {
        String url = properties.publicBaseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.tokens = tokens;
    }

    /** @param conversationRef the conversation's number ({@code ActionCall.conversationRef()}) */
    public String downloadUrl(String sha256, long conversationRef) {
        return base + "/certificates/" + sha256 + ".crt?c=" + tokens.token(conversationRef);
    }

    /**
     * The link for the helpdesk: without the conversation token, so an agent opening it on their own
     * phone is not taken for the employee (their Android version would replace the employee's).
     */
    public String downloadUrlWithoutConversation(String sha256) {
        return base + "/certificates/" + sha256 + ".crt";
    }
}
