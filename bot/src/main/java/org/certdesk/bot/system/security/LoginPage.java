package org.certdesk.bot.system.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in page of the consoles, in the browser's language (French or English): the local
 * account form and, when Entra ID is configured, a "Sign in with Microsoft" link.
 */
@RestController
class LoginPage {
    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

    private final SecurityProperties properties;

    LoginPage(SecurityProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/login")
    ResponseEntity<String> page(HttpServletRequest request) {
        boolean fr = ConsoleResponses.french(request);
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"").append(fr ? "fr" : "en").append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>certdesk – ").append(fr ? "connexion" : "sign in").append("</title>")
                .append("<link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/console/console.css\">")
                .append("</head><body><main class=\"login\"><h1>certdesk</h1>");
        if (request.getParameter("error") != null) {
            html.append("<p class=\"error\" role=\"alert\">").append(fr ? "Nom ou mot de passe incorrect."
                    : "Wrong name or password.").append("</p>");
        }
        if (request.getParameter("signed-out") != null) {
            html.append("<p role=\"status\">").append(fr ? "Vous êtes déconnecté." : "You are signed out.").append("</p>");
        }
        if (!properties.users().isEmpty()) {
            html.append("<form method=\"post\" action=\"/login\">")
                    .append("<label>").append(fr ? "Nom" : "Name")
                    .append("<input name=\"username\" id=\"username\" autocomplete=\"username\" required autofocus></label>")
                    .append("<label>").append(fr ? "Mot de passe" : "Password")
                    .append("<input name=\"password\" id=\"password\" type=\"password\" autocomplete=\"current-password\""
                            + " required></label>");
            if (csrf != null) {
                html.append("<input type=\"hidden\" name=\"").append(HtmlUtils.htmlEscape(csrf.getParameterName()))
                        .append("\" value=\"").append(HtmlUtils.htmlEscape(csrf.getToken())).append("\">");
            }
            html.append("<button type=\"submit\" id=\"sign-in\">").append(fr ? "Se connecter" : "Sign in")
                    .append("</button></form>");
        }
        if (properties.oidc().enabled()) {
            html.append("<p><a class=\"button\" id=\"sign-in-entra\" href=\"/oauth2/authorization/entra\">")
                    .append(fr ? "Se connecter avec Microsoft" : "Sign in with Microsoft").append("</a></p>");
        }
        html.append("</main></body></html>");
        return ResponseEntity.ok().contentType(HTML).cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", "default-src 'none'; style-src 'self'; form-action 'self';"
                        + " frame-ancestors 'none'")
                .body(html.toString());
    }
}
