package org.certdesk.bot.scripts;

import org.certdesk.bot.system.PageSecurityHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Security headers of the admin page and its assets: scripts of this server only (ours, CodeMirror
 * and Mermaid, all under /admin/), requests to this server only. Styles allow 'unsafe-inline'
 * because CodeMirror positions its lines with style attributes and Mermaid writes a style element
 * into each diagram; Mermaid runs with securityLevel 'strict' and needs no eval.
 */
@Configuration(proxyBeanMethods = false)
class AdminHeaders {
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

    @Bean
    PageSecurityHeaders adminPageHeaders() {
        return new PageSecurityHeaders("/admin", CONTENT_SECURITY_POLICY);
    }
}
