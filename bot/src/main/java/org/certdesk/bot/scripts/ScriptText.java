package org.certdesk.bot.scripts;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The YAML text of a script as the server handles it. The server, not the file, numbers versions:
 * on publish the top-level {@code version:} line is rewritten in place to the number the version is
 * stored under, so the engine's conversation state, the history and an exported file all say the
 * same number, and a file exported from one server imports into another. Only the value on that
 * one line changes, so lint positions stay those of the text the admin sent.
 */
final class ScriptText {
    private static final Pattern VERSION = Pattern.compile("(?m)^version:[ \\t]*(\"[^\"\\n]*\"|'[^'\\n]*'|[^\\s#]*)");
    private static final Pattern ID = Pattern.compile("(?m)^id:");
    /** A {@code version} key in any style: block, quoted (JSON) or inside a flow mapping. */
    private static final Pattern ANY_VERSION = Pattern.compile("(?m)(^[ \\t]*|[{,][ \\t]*)[\"']?version[\"']?[ \\t]*:");

    private ScriptText() {
    }

    /** {@code yaml} with its top-level version set to {@code version}; unchanged when it has no such line. */
    static String withVersion(String yaml, int version) {
        Matcher matcher = VERSION.matcher(yaml);
        return matcher.find() ? yaml.substring(0, matcher.start()) + "version: " + version + yaml.substring(matcher.end())
                : yaml;
    }

    /** The 1-based line of the top-level {@code id:} key, or 1. */
    static int idLine(String yaml) {
        return lineOf(yaml, ID);
    }

    /**
     * The 1-based line of the first {@code version} key in whatever style it was written (block,
     * {@code "version": 3}, or in a flow mapping), or 1: where to point when the server could not set it.
     */
    static int versionLine(String yaml) {
        return lineOf(yaml, ANY_VERSION);
    }

    private static int lineOf(String yaml, Pattern pattern) {
        Matcher matcher = pattern.matcher(yaml);
        return matcher.find() ? (int) yaml.substring(0, matcher.start()).chars().filter(c -> c == '\n').count() + 1 : 1;
    }

    /**
     * Decodes a request body as UTF-8 (a byte-order mark is dropped).
     *
     * @throws CharacterCodingException when it is not UTF-8 text
     */
    static String decode(byte[] body) throws CharacterCodingException {
        if (body == null) {
            return "";
        }
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
