package org.certdesk.bot.system;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the person who just started the bot where to open it: the one line a newcomer looks for
 * among the start-up logs.
 */
@Component
class ReadyBanner {
    private static final System.Logger LOG = System.getLogger(ReadyBanner.class.getName());

    private final CertdeskProperties properties;

    ReadyBanner(CertdeskProperties properties) {
        this.properties = properties;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            int port = web.getWebServer().getPort();
            LOG.log(System.Logger.Level.INFO, "certdesk is ready: web chat at http://localhost:{0,number,#}/ "
                    + "(public base URL {1}); Teams endpoint POST /api/messages", port, properties.publicBaseUrl());
        }
    }
}
