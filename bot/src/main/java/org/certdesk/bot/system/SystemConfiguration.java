package org.certdesk.bot.system;

import java.time.Clock;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import tools.jackson.databind.json.JsonMapper;

/** Beans every feature shares: the clock (a fixed one in tests), the request body limit and content types. */
@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

    /** Primary: a test may add a clock of its own for one feature without displacing this one. */
    @Bean
    @Primary
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Runs before everything that reads a body (the Teams token check included), so an oversized
     * request is refused before any work.
     */
    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(CertdeskProperties properties, JsonMapper json) {
        FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
                new RequestBodyLimit(properties.limits().maxRequestBody().toBytes(), json));
        registration.setOrder(FilterOrder.BODY_LIMIT);
        return registration;
    }

    /** First of all: a body of a kind no endpoint takes is refused before any filter parses it. */
    @Bean
    FilterRegistrationBean<RequestContentTypes> requestContentTypes(JsonMapper json) {
        FilterRegistrationBean<RequestContentTypes> registration = new FilterRegistrationBean<>(new RequestContentTypes(json));
        registration.setOrder(FilterOrder.CONTENT_TYPES);
        return registration;
    }

    /** Next: a query string or form body that cannot be decoded is a quiet 400, before anything parses it. */
    @Bean
    FilterRegistrationBean<UndecodableRequests> undecodableRequests(JsonMapper json) {
        FilterRegistrationBean<UndecodableRequests> registration = new FilterRegistrationBean<>(new UndecodableRequests(json));
        registration.setOrder(FilterOrder.UNDECODABLE);
        return registration;
    }
}
