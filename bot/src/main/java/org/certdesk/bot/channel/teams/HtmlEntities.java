package org.certdesk.bot.channel.teams;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the HTML character references Teams puts in the text of a message ({@code &amp;},
 * {@code &nbsp;}, numeric ones), for the bot's endpoint and the outgoing webhook alike. Unknown or
 * invalid references are left as they are.
 */
public final class HtmlEntities {
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});");

    private HtmlEntities() {
    }

    public static String decode(String text) {
        return ENTITY.matcher(text).replaceAll(m -> Matcher.quoteReplacement(entity(m.group(1), m.group())));
    }

    private static String entity(String entity, String original) {
        switch (entity) {
            case "amp": return "&";
            case "lt": return "<";
            case "gt": return ">";
            case "quot": return "\"";
            case "apos": return "'";
            case "nbsp": return " ";
            default:
                break;
        }
        if (entity.startsWith("#")) {
            try {
                int codePoint = entity.startsWith("#x") || entity.startsWith("#X")
                        ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1));
                if (Character.isValidCodePoint(codePoint) && codePoint != 0) {
                    return new String(Character.toChars(codePoint));
                }
            } catch (NumberFormatException e) {
                return original;
            }
        }
        return original;
    }
}
