package org.certdesk.manifest;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides each {@link Setting}'s value: a non-blank property wins, then the first non-blank
 * environment variable, then the local default. Blank counts as unset because the Maven build always
 * passes every property, empty when nobody set it.
 *
 * <p>The local defaults make {@code mvn verify} work on a laptop with nothing configured and give a
 * package one can sideload against a bot running on localhost. They are documented in
 * manifest/README.md and refused by a release build.
 */
public final class SettingsResolver {

    /** Local-only Teams app id ("10ca1" reads "local"). Never upload a package carrying it to a tenant. */
    public static final String LOCAL_APP_ID = "10ca1000-0000-4000-8000-000000000001";
    /** Local-only bot id: matches no Entra app registration, so such a bot can't be reached in Teams. */
    public static final String LOCAL_BOT_ID = "10ca1000-0000-4000-8000-000000000002";
    /** The bot service's own default for certdesk.public-base-url. */
    public static final String LOCAL_PUBLIC_BASE_URL = "http://localhost:3978";
    public static final String DEFAULT_DEVELOPER_NAME = "IT helpdesk";
    /** Property carrying the Maven project version, from which the default app version is derived. */
    public static final String PROJECT_VERSION = "project.version";

    private SettingsResolver() {
    }

    public static PackageSettings resolve(Map<String, String> properties, Map<String, String> environment) {
        Map<Setting, Resolved> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            find(setting, properties, environment).ifPresent(found -> values.put(setting, found));
        }
        values.putIfAbsent(Setting.APP_ID, Resolved.localDefault(LOCAL_APP_ID));
        values.putIfAbsent(Setting.BOT_ID, Resolved.localDefault(LOCAL_BOT_ID));
        String projectVersion = properties.getOrDefault(PROJECT_VERSION, "");
        values.putIfAbsent(Setting.APP_VERSION, Resolved.localDefault(semverOf(projectVersion),
                projectVersion.isBlank() ? "local default" : "derived from project.version " + projectVersion));
        values.putIfAbsent(Setting.PUBLIC_BASE_URL, Resolved.localDefault(LOCAL_PUBLIC_BASE_URL));
        values.putIfAbsent(Setting.DEVELOPER_NAME, Resolved.localDefault(DEFAULT_DEVELOPER_NAME));
        // Locally the developer pages default to the bot's own host; the bot serves no such pages,
        // which is why a release must name real ones.
        String base = stripTrailingSlash(values.get(Setting.PUBLIC_BASE_URL).value());
        String derived = "local default, derived from " + Setting.PUBLIC_BASE_URL.property();
        values.putIfAbsent(Setting.DEVELOPER_WEBSITE_URL, Resolved.localDefault(base + "/", derived));
        values.putIfAbsent(Setting.DEVELOPER_PRIVACY_URL, Resolved.localDefault(base + "/privacy", derived));
        values.putIfAbsent(Setting.DEVELOPER_TERMS_URL, Resolved.localDefault(base + "/terms", derived));
        values.putIfAbsent(Setting.RELEASE, Resolved.localDefault("false"));
        return new PackageSettings(values);
    }

    private static Optional<Resolved> find(Setting setting, Map<String, String> properties,
                                           Map<String, String> environment) {
        String fromProperty = properties.get(setting.property());
        if (isSet(fromProperty)) {
            return Optional.of(Resolved.fromProperty(setting.property(), fromProperty.strip()));
        }
        for (String variable : setting.environmentVariables()) {
            String fromEnvironment = environment.get(variable);
            if (isSet(fromEnvironment)) {
                return Optional.of(Resolved.fromEnvironment(variable, fromEnvironment.strip()));
            }
        }
        return Optional.empty();
    }

    /**
     * Teams wants x.y.z; Maven's 0.1.0-SNAPSHOT becomes 0.1.0. Anything else is passed on unchanged
     * so that validation reports it instead of a guess.
     */
    static String semverOf(String projectVersion) {
        int qualifier = projectVersion.indexOf('-');
        String version = qualifier < 0 ? projectVersion : projectVersion.substring(0, qualifier);
        return version.isBlank() ? "0.1.0" : version;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
