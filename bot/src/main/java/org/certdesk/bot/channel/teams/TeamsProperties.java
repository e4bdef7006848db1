package org.certdesk.bot.channel.teams;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The Azure Bot registration and the Bot Framework endpoints, under {@code certdesk.bot}. Without an
 * app id (local use) inbound requests are not authenticated and replies are sent without a token.
 *
 * @param appId the bot's Entra application id; null or blank turns inbound authentication off
 * @param appPassword the application's client secret, for the connector token
 * @param tenantId the bot's tenant (single-tenant bot); null for a legacy multi-tenant bot
 * @param openidMetadataUrl the Bot Framework channel OpenID metadata, naming the signing keys
 * @param tokenUrl the client-credentials endpoint; defaults from {@code tenantId}
 * @param tokenScope the scope of connector tokens
 * @param clockSkew tolerance on a token's {@code exp} and {@code nbf}
 * @param jwksMaxAge signing keys are fetched again once they are this old
 * @param jwksMinRefreshInterval the least time between two fetches of the signing keys (an unknown key
 *     id, a failed fetch); also how often their age is checked
 * @param connectTimeout outbound HTTP connect timeout (keys, tokens, connector)
 * @param requestTimeout outbound HTTP request timeout (keys, tokens)
 * @param replyTimeout how long the POST of a reply waits for the Bot Connector's answer. One that got
 *     none may still arrive, so it is sent again only one more reply timeout later. The outbox
 *     renews its claim while the POST is in flight, so the lease need not cover it
 * @param maxActivitySize the largest inbound activity body accepted
 */
@ConfigurationProperties("certdesk.bot")
public record TeamsProperties(String appId, String appPassword, String tenantId,
        @DefaultValue(DEFAULT_OPENID_METADATA_URL) URI openidMetadataUrl, URI tokenUrl,
        @DefaultValue(DEFAULT_SCOPE) String tokenScope,
        @DefaultValue("5m") Duration clockSkew,
        @DefaultValue("24h") Duration jwksMaxAge,
        @DefaultValue("5m") Duration jwksMinRefreshInterval,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration requestTimeout,
        @DefaultValue("45s") Duration replyTimeout,
        @DefaultValue("256KB") DataSize maxActivitySize) {

    static final String DEFAULT_OPENID_METADATA_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    static final String DEFAULT_SCOPE = "https://api.botframework.com/.default";
    /** The token tenant of legacy multi-tenant bots. */
    static final String MULTI_TENANT = "botframework.com";

    public TeamsProperties {
        appId = blankToNull(appId);
        appPassword = blankToNull(appPassword);
        tenantId = blankToNull(tenantId);
        if (tokenUrl == null) {
            tokenUrl = URI.create("https://login.microsoftonline.com/" + (tenantId != null ? tenantId : MULTI_TENANT)
                    + "/oauth2/v2.0/token");
        }
        requirePositive(clockSkew, "clock-skew", true);
        requirePositive(jwksMaxAge, "jwks-max-age", false);
        requirePositive(jwksMinRefreshInterval, "jwks-min-refresh-interval", false);
        requirePositive(connectTimeout, "connect-timeout", false);
        requirePositive(requestTimeout, "request-timeout", false);
        requirePositive(replyTimeout, "reply-timeout", false);
    }

    /** Whether inbound tokens are verified (and outbound calls carry one): an app id is configured. */
    public boolean authEnabled() {
        return appId != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void requirePositive(Duration value, String key, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException("certdesk.bot." + key + " must be " + (zeroAllowed ? "zero or more" : "positive")
                    + ", was " + value);
        }
    }
}
