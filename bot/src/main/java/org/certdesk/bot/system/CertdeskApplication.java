package org.certdesk.bot.system;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The certdesk bot: Teams, the web chat page and the helpdesk, on one port (3978 by default). */
@SpringBootApplication(scanBasePackages = "org.certdesk.bot")
@ConfigurationPropertiesScan("org.certdesk.bot")
public class CertdeskApplication {
    public static void main(String[] args) {
        JdkHttpDefaults.apply(); // before anything connects: the JDK reads them once
        H2Defaults.apply(); // before H2 loads: it reads them once
        SpringApplication.run(CertdeskApplication.class, args);
    }
}
