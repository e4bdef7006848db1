package org.certdesk.bot.channel.webchat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.node.ObjectNode;

/**
 * The part of Direct Line 3.0 that Web Chat uses when it polls ({@code webSocket: false}): tokens,
 * starting a conversation, posting a message, and reading the activities after a watermark. No
 * WebSocket stream, so no {@code streamUrl}; no uploads (the page hides the button).
 */
@RestController
@RequestMapping("/v3/directline")
class DirectLineController {
    private static final Pattern WATERMARK = Pattern.compile("[0-9]{1,18}");

    private final DirectLineTokens tokens;
    private final DirectLineConversations conversations;
    private final JsonBodies bodies;
    private final SignIn signIn;
    private final NewConversationLimit limit;

    DirectLineController(DirectLineTokens tokens, DirectLineConversations conversations, JsonBodies bodies,
            SignIn signIn, NewConversationLimit limit) {
        this.tokens = tokens;
        this.conversations = conversations;
        this.bodies = bodies;
        this.signIn = signIn;
        this.limit = limit;
    }

    /** A new conversation and its token. Body (optional): {@code {"locale": "fr-FR"}}, the page's language. */
    @PostMapping("/tokens/generate")
    ResponseEntity<Map<String, Object>> generate(HttpServletRequest request) throws IOException {
        SignedInUser user = signIn.check(request);
        ObjectNode body = bodies.object(request, false);
        limit.check(request.getRemoteAddr()); // after the checks of the request itself: only real openings count
        return token(HttpStatus.OK, conversations.open(PostedActivity.languageTag(body.get("locale")), user));
    }

    /** A fresh token for the same conversation (and, with sign-in required, the same user); Web Chat asks every 15 minutes. */
    @PostMapping("/tokens/refresh")
    ResponseEntity<Map<String, Object>> refresh(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
            String authorization, HttpServletRequest request) {
        String conversationId = tokens.conversationOf(authorization);
        signIn.checkSameUser(request, conversations.require(conversationId));
        return token(HttpStatus.OK, tokens.issue(conversationId));
    }

    /** Starts the token's conversation (201, the welcome is on its way), or finds it started (200). */
    @PostMapping("/conversations")
    ResponseEntity<Map<String, Object>> start(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
            String authorization, HttpServletRequest request) throws IOException {
        String conversationId = tokens.conversationOf(authorization);
        ObjectNode body = bodies.object(request, false);
        String userId = PostedActivity.shortString(body.get("user"), "id");
        boolean started = conversations.start(conversationId, PostedActivity.languageTag(body.get("locale")),
                userId != null ? userId : "user");
        return token(started ? HttpStatus.CREATED : HttpStatus.OK, tokens.issue(conversationId));
    }

    /** Reconnecting to a conversation: the same answer as the start, nothing else happens. */
    @GetMapping("/conversations/{conversationId}")
    ResponseEntity<Map<String, Object>> reconnect(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
            String authorization, @PathVariable("conversationId") String conversationId) {
        tokens.requireFor(authorization, conversationId);
        conversations.require(conversationId);
        return token(HttpStatus.OK, tokens.issue(conversationId));
    }

    @GetMapping("/conversations/{conversationId}/activities")
    ResponseEntity<String> activities(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
            String authorization, @PathVariable("conversationId") String conversationId,
            @RequestParam(name = "watermark", required = false) String watermark) {
        tokens.requireFor(authorization, conversationId);
        DirectLineConversations.Page page = conversations.read(conversationId, watermark(watermark));
        // The activities are stored as JSON already: written out as they are, not parsed again.
        String json = "{\"activities\":[" + String.join(",", page.activities()) + "],\"watermark\":\""
                + page.watermark() + "\"}";
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON)
                .body(json);
    }

    /** A user's message: logged (Web Chat waits for its echo), then handed to the bot; answers its id. */
    @PostMapping("/conversations/{conversationId}/activities")
    ResponseEntity<Map<String, Object>> post(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
            String authorization, @PathVariable("conversationId") String conversationId, HttpServletRequest request)
            throws IOException {
        tokens.requireFor(authorization, conversationId);
        PostedActivity posted = PostedActivity.read(bodies.object(request, true));
        return ResponseEntity.ok(Map.of("id", conversations.post(conversationId, posted)));
    }

    private static ResponseEntity<Map<String, Object>> token(HttpStatus status, DirectLineTokens.Issued issued) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversationId", issued.conversationId());
        body.put("token", issued.token());
        body.put("expires_in", issued.expiresInSeconds());
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).body(body);
    }

    private static long watermark(String watermark) {
        if (watermark == null || watermark.isBlank()) {
            return 0;
        }
        if (!WATERMARK.matcher(watermark).matches()) {
            throw DirectLineException.badRequest(DirectLineTexts.BAD_WATERMARK);
        }
        return Long.parseLong(watermark);
    }
}
