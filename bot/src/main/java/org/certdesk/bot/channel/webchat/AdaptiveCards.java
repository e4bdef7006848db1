package org.certdesk.bot.channel.webchat;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.certdesk.dialogs.engine.Message;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Adaptive Cards the web chat shows facts and downloads in. Version 1.5, the one Teams renders
 * too, so a card reads the same in both channels. Web Chat runs card texts through Markdown, and
 * values here come from certificates (a subject name is whatever its issuer wrote), so every text
 * is escaped: a name shows as written, never as a link or a heading.
 */
final class AdaptiveCards {
    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    private static final Pattern PUNCTUATION = Pattern.compile("(\\p{Punct})");

    private AdaptiveCards() {
    }

    /** Label/value pairs as a FactSet. */
    static ObjectNode facts(List<Message.Fact> facts) {
        ObjectNode card = card();
        ArrayNode set = card.withArrayProperty("body").addObject().put("type", "FactSet").putArray("facts");
        for (Message.Fact fact : facts) {
            set.addObject().put("title", escape(fact.label())).put("value", escape(fact.value()));
        }
        return card;
    }

    /**
     * The file name, its fingerprint to compare with what the phone shows, and the download
     * button. A link that is not http(s) gets no button: the card never runs a script URL.
     */
    static ObjectNode download(Message.Download download, String locale) {
        boolean english = locale != null && locale.toLowerCase(Locale.ROOT).startsWith("en");
        ObjectNode card = card();
        ArrayNode body = card.withArrayProperty("body");
        body.addObject().put("type", "TextBlock").put("text", escape(download.fileName()))
                .put("weight", "Bolder").put("wrap", true);
        body.addObject().put("type", "TextBlock").put("text", english ? "SHA-256 fingerprint" : "Empreinte SHA-256")
                .put("isSubtle", true).put("spacing", "Small").put("wrap", true);
        body.addObject().put("type", "TextBlock").put("text", escape(download.sha256()))
                .put("fontType", "Monospace").put("size", "Small").put("spacing", "None").put("wrap", true);
        if (isWebLink(download.url())) {
            card.putArray("actions").addObject().put("type", "Action.OpenUrl")
                    .put("title", english ? "Download the certificate" : "Télécharger le certificat")
                    .put("url", download.url());
        } else {
            body.addObject().put("type", "TextBlock").put("text", escape(download.url())).put("wrap", true);
        }
        return card;
    }

    /** Backslash before every ASCII punctuation mark: CommonMark then shows each one as itself. */
    static String escape(String text) {
        return text == null ? "" : PUNCTUATION.matcher(text).replaceAll("\\\\$1");
    }

    private static boolean isWebLink(String url) {
        try {
            String scheme = URI.create(url).getScheme();
            return "https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme);
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static ObjectNode card() {
        ObjectNode card = JsonNodeFactory.instance.objectNode();
        card.put("type", "AdaptiveCard");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("version", "1.5");
        card.putArray("body");
        return card;
    }
}
