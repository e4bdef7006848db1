package org.certdesk.bot.channel.webchat;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the Direct Line endpoint's request bodies itself: at most the configured size (an activity
 * is small; the limit keeps a client from making the log hold megabytes), as one JSON object, with
 * a 400 that says where the JSON broke.
 */
@Component
class JsonBodies {
    private final JsonMapper json;
    private final long limit;

    JsonBodies(JsonMapper json, WebChatProperties properties) {
        this.json = json;
        this.limit = properties.maxActivitySize().toBytes();
    }

    /**
     * The body as a JSON object; an empty object for an empty body when {@code required} is false.
     *
     * @throws DirectLineException 413 over the limit, 400 when empty (and required), not JSON, or not an object
     */
    ObjectNode object(HttpServletRequest request, boolean required) throws IOException {
        if (request.getContentLengthLong() > limit) {
            throw DirectLineException.tooLarge(limit);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) limit + 1);
        }
        if (body.length > limit) {
            throw DirectLineException.tooLarge(limit);
        }
        if (isBlank(body)) {
            if (required) {
                throw DirectLineException.badRequest(DirectLineTexts.EMPTY_BODY);
            }
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw e.getLocation() != null && e.getLocation().getLineNr() > 0
                    ? DirectLineException.badRequest(DirectLineTexts.NOT_JSON_AT, e.getOriginalMessage(),
                            e.getLocation().getLineNr(), e.getLocation().getColumnNr())
                    : DirectLineException.badRequest(DirectLineTexts.NOT_JSON, e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw DirectLineException.badRequest(DirectLineTexts.NOT_AN_OBJECT, node.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT));
        }
        return object;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
