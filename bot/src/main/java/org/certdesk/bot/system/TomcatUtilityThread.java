package org.certdesk.bot.system;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Tomcat keeps one utility thread, not two. Its utility threads check held requests for their
 * timeout once a second ({@code MessagingEndpoint}'s held answers) and run its background
 * processing every few seconds: the work of one thread, parked nearly all the time. Tomcat offers no
 * setting for it that Spring Boot passes on; lowering it once the server started ends the other
 * thread as soon as it is idle.
 */
@Component
class TomcatUtilityThread implements ApplicationListener<ServletWebServerInitializedEvent> {
    @Override
    public void onApplicationEvent(ServletWebServerInitializedEvent event) {
        if (event.getWebServer() instanceof TomcatWebServer tomcat) {
            tomcat.getTomcat().getServer().setUtilityThreads(1);
        }
    }
}
