package org.certdesk.manifest;

import java.util.List;

/**
 * One value that goes into the app package, and where it can come from: a Maven property (also a
 * {@code --name=value} argument of {@link BuildTeamsPackage}), then environment variables in order.
 *
 * <p>The environment variable names match the bot service's where the value is the same one
 * ({@code CERTDESK_BOT_APP_ID}, {@code CERTDESK_PUBLIC_BASE_URL}), so a deployment that already sets
 * them for the service builds a matching package without repeating them.
 */
public enum Setting {
    APP_ID("teams.app.id", List.of("TEAMS_APP_ID"),
            "the Teams app id: a GUID of your own, kept for every later version", true),
    BOT_ID("teams.bot.id", List.of("TEAMS_BOT_ID", "CERTDESK_BOT_APP_ID"),
            "the bot id: the Application (client) id of the bot's Entra app registration", true),
    APP_VERSION("teams.app.version", List.of("TEAMS_APP_VERSION"),
            "the package version x.y.z, raised for every upload", false),
    PUBLIC_BASE_URL("certdesk.public-base-url", List.of("CERTDESK_PUBLIC_BASE_URL"),
            "the https URL the bot is reached at; its host goes into validDomains", true),
    DEVELOPER_NAME("teams.developer.name", List.of("TEAMS_DEVELOPER_NAME"),
            "the publisher name shown in Teams (32 characters at most)", false),
    DEVELOPER_WEBSITE_URL("teams.developer.website-url", List.of("TEAMS_DEVELOPER_WEBSITE_URL"),
            "the https page where employees find support", true),
    DEVELOPER_PRIVACY_URL("teams.developer.privacy-url", List.of("TEAMS_DEVELOPER_PRIVACY_URL"),
            "the https page of the privacy statement", true),
    DEVELOPER_TERMS_URL("teams.developer.terms-url", List.of("TEAMS_DEVELOPER_TERMS_URL"),
            "the https page of the terms of use", true),
    RELEASE("teams.release", List.of("TEAMS_RELEASE"),
            "true to refuse local defaults (for a package that leaves the developer's machine)", false);

    private final String property;
    private final List<String> environmentVariables;
    private final String meaning;
    private final boolean requiredForRelease;

    Setting(String property, List<String> environmentVariables, String meaning, boolean requiredForRelease) {
        this.property = property;
        this.environmentVariables = environmentVariables;
        this.meaning = meaning;
        this.requiredForRelease = requiredForRelease;
    }

    public String property() {
        return property;
    }

    public List<String> environmentVariables() {
        return environmentVariables;
    }

    public String meaning() {
        return meaning;
    }

    /** Whether a release package may not carry this setting's local default. */
    public boolean requiredForRelease() {
        return requiredForRelease;
    }

    /** "-Dteams.bot.id=... or TEAMS_BOT_ID (or CERTDESK_BOT_APP_ID)": what a person can set. */
    public String howToSet() {
        StringBuilder text = new StringBuilder("-D").append(property).append("=... or the environment variable ")
                .append(environmentVariables.get(0));
        for (String fallback : environmentVariables.subList(1, environmentVariables.size())) {
            text.append(" (or ").append(fallback).append(')');
        }
        return text.toString();
    }
}
