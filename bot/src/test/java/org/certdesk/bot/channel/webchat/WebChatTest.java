package org.certdesk.bot.channel.webchat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The web chat on the real database with a {@link RecordingTurns} for the bot, small limits so that
 * tests reach them (2 activities per poll, 2 KB per activity), and two analyzer hosts. One context,
 * shared by every class that has this annotation; tests open conversations of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = { WebChatTestApplication.class, RecordingTurns.class },
        properties = { WebChatTestApplication.DATABASE, "certdesk.webchat.max-activities-per-poll=2",
                "certdesk.webchat.max-activity-size=2KB", "certdesk.webchat.conversations-per-minute=100000",
                "certdesk.analyzer.hosts=portal.manage.microsoft.com,sts.contoso.com:8443" })
@AutoConfigureMockMvc
@interface WebChatTest {}
