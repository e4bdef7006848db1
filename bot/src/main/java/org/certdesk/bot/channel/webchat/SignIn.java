package org.certdesk.bot.channel.webchat;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * Whether a browser may open a conversation. With {@code certdesk.webchat.require-sign-in} only a
 * signed-in user may (the servlet request names a principal, as it will once the helpdesk adds
 * accounts); until accounts exist, that refuses everyone, and the page says so instead of failing
 * half-way. A token, once issued, is the proof for the rest of the conversation, together with the
 * same sign-in for a refresh; the conversation speaks as the signed-in user ({@link SignedInUser}).
 */
@Component
class SignIn {
    private final boolean required;

    SignIn(WebChatProperties properties) {
        this.required = properties.requireSignIn();
    }

    boolean required() {
        return required;
    }

    boolean allows(HttpServletRequest request) {
        return !required || request.getUserPrincipal() != null;
    }

    /**
     * @return the user the conversation is opened for, or null when sign-in is not required
     * @throws DirectLineException 401 when sign-in is required and the request has no user
     */
    SignedInUser check(HttpServletRequest request) {
        if (!allows(request)) {
            throw DirectLineException.unauthorized("SignInRequired", DirectLineTexts.SIGN_IN_REQUIRED);
        }
        return required ? SignedInUser.of(request.getUserPrincipal()) : null;
    }

    /**
     * A token refresh: with sign-in required, only the user the conversation was opened for gets a new
     * token, so a token that leaked (a log, a shared screen) dies when it expires.
     *
     * @throws DirectLineException 401 otherwise
     */
    void checkSameUser(HttpServletRequest request, ActivityLog.Conversation conversation) {
        if (!required) {
            return;
        }
        SignedInUser user = check(request);
        if (conversation.user() == null || !conversation.user().id().equals(user.id())) {
            throw DirectLineException.unauthorized("SignInRequired", DirectLineTexts.NOT_THE_CONVERSATIONS_USER);
        }
    }
}
