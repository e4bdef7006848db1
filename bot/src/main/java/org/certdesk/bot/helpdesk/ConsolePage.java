package org.certdesk.bot.helpdesk;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The agent console's page (role AGENT, enforced by the security configuration): static HTML and a
 * script of its own, no third-party code, under a CSP that allows nothing else, so what employees
 * typed can never run in an agent's browser even if some code forgot to escape it.
 */
@Controller
class ConsolePage {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final Resource PAGE = new ClassPathResource("static/agent/index.html");

    @GetMapping({"/agent", "/agent/"})
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store") // the CSP comes from ConsoleHeaders (PageSecurityHeaders)
                .body(PAGE);
    }
}
