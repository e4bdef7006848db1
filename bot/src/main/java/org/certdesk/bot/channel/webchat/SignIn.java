package org.certdesk.bot.channel.webchat;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * Whether a browser may open a conversation. With {@code certdesk.webchat.require-sign-in} only a
 * signed-in user may (the servlet request names a principal, as it will once the helpdesk adds
 * accounts); until accounts exist, that refuses everyone, and the page says so instead of failing
 * half-way. A token, once issued, is the proof for the rest of the conversation.
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

    /** @throws DirectLineException 401 when sign-in is required and the request has no user */
    void check(HttpServletRequest request) {
        if (!allows(request)) {
            throw DirectLineException.unauthorized("SignInRequired", "Sign-in is required to chat"
                    + " (certdesk.webchat.require-sign-in), and this request is not signed in.");
        }
    }
}
