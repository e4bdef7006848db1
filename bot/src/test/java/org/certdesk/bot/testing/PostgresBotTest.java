package org.certdesk.bot.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.certdesk.bot.system.CertdeskApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** Like {@link BotTest}, on a real PostgreSQL (embedded), without a web server. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = {CertdeskApplication.class, BotTestConfiguration.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = TestProperties.OnPostgres.class)
public @interface PostgresBotTest {}
