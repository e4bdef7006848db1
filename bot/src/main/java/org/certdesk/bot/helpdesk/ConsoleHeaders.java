package org.certdesk.bot.helpdesk;

import org.certdesk.bot.system.PageSecurityHeaders;
import org.springframework.stereotype.Component;

/**
 * The console's CSP on everything under /agent, not only on the page's own mapping: the same page is
 * also reachable as /agent/index.html (a static file), and it must never be served without the
 * policy that keeps what employees typed from running.
 */
@Component
class ConsoleHeaders extends PageSecurityHeaders {
    ConsoleHeaders() {
        super("/agent", ConsolePage.CONTENT_SECURITY_POLICY);
    }
}
