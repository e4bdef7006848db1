package org.certdesk.bot.channel.webchat;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the page's security headers for every response the web chat serves. */
@Configuration(proxyBeanMethods = false)
class WebChatConfiguration {

    @Bean
    FilterRegistrationBean<PageHeaders> webChatPageHeaders() {
        FilterRegistrationBean<PageHeaders> registration = new FilterRegistrationBean<>(new PageHeaders());
        registration.addUrlPatterns("/*");
        return registration;
    }
}
