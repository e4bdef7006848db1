package org.certdesk.bot.scripts;

import org.certdesk.bot.system.PageSecurityHeaders;
import org.springframework.stereotype.Component;

/**
 * Security headers of the admin page and its assets: scripts of this server only (ours, CodeMirror
 * and Mermaid, all under /admin/), requests to this server only. Styles allow 'unsafe-inline'
 * because CodeMirror positions its lines with style attributes and Mermaid writes a style element
 * into each diagram; Mermaid runs with securityLevel 'strict' and needs no eval.
 */
@Component
class AdminHeaders extends PageSecurityHeaders {
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    AdminHeaders() {
        super("/admin", CONTENT_SECURITY_POLICY);
    }
}
