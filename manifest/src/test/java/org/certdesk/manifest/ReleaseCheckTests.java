package org.certdesk.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What stops a package from being built: malformed values always, local defaults in a release. */
class ReleaseCheckTests {

    private static Map<String, String> releaseProperties() {
        Map<String, String> properties = new HashMap<>(Map.of(
                "teams.app.id", "3f2b8c1e-7d4a-4e6b-9a0c-5d1e2f3a4b5c",
                "teams.bot.id", "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d",
                "certdesk.public-base-url", "https://certdesk.contoso.example",
                "teams.developer.website-url", "https://intranet.contoso.example/it",
                "teams.developer.privacy-url", "https://intranet.contoso.example/privacy",
                "teams.developer.terms-url", "https://intranet.contoso.example/terms",
                "teams.release", "true"));
        properties.put("project.version", "0.1.0-SNAPSHOT");
        return properties;
    }

    @Test
    void releaseWithEverythingSetPasses() {
        assertThat(SettingsResolver.resolve(releaseProperties(), Map.of()).problems()).isEmpty();
    }

    @Test
    void releaseWithNothingSetNamesEveryPropertyAndVariableToSet() {
        List<String> problems = SettingsResolver.resolve(Map.of("teams.release", "true"), Map.of()).problems();

        assertThat(problems).hasSize(6);
        assertThat(problems).anySatisfy(problem -> assertThat(problem)
                .startsWith("teams.app.id is not set").contains("-Dteams.app.id=", "TEAMS_APP_ID",
                        SettingsResolver.LOCAL_APP_ID));
        assertThat(problems).anySatisfy(problem -> assertThat(problem)
                .startsWith("teams.bot.id is not set").contains("TEAMS_BOT_ID", "CERTDESK_BOT_APP_ID"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem)
                .startsWith("certdesk.public-base-url is not set").contains("CERTDESK_PUBLIC_BASE_URL"));
        for (String property : List.of("teams.developer.website-url", "teams.developer.privacy-url",
                "teams.developer.terms-url")) {
            assertThat(problems).anySatisfy(problem -> assertThat(problem).startsWith(property + " is not set"));
        }
    }

    @Test
    void releaseRefusesDeveloperPagesDerivedFromTheBaseUrl() {
        Map<String, String> properties = releaseProperties();
        properties.remove("teams.developer.privacy-url");

        assertThat(SettingsResolver.resolve(properties, Map.of()).problems())
                .singleElement().asString().startsWith("teams.developer.privacy-url is not set")
                .contains("TEAMS_DEVELOPER_PRIVACY_URL");
    }

    @Test
    void releaseAcceptsValuesFromTheEnvironment() {
        Map<String, String> environment = new HashMap<>();
        releaseProperties().forEach((property, value) -> {
            for (Setting setting : Setting.values()) {
                if (setting.property().equals(property)) {
                    environment.put(setting.environmentVariables().get(setting.environmentVariables().size() - 1), value);
                }
            }
        });

        assertThat(environment).containsKeys("CERTDESK_BOT_APP_ID", "TEAMS_RELEASE");
        assertThat(SettingsResolver.resolve(Map.of(), environment).problems()).isEmpty();
    }

    @Test
    void releaseNeedsHttps() {
        Map<String, String> properties = releaseProperties();
        properties.put("certdesk.public-base-url", "http://certdesk.contoso.example");

        assertThat(SettingsResolver.resolve(properties, Map.of()).problems())
                .singleElement().asString().contains("certdesk.public-base-url", "https");
    }

    @Test
    void malformedValuesFailEvenALocalBuild() {
        List<String> problems = SettingsResolver.resolve(Map.of(
                "teams.app.id", "certdesk",
                "teams.bot.id", "{9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d}",
                "teams.app.version", "1.0.0-SNAPSHOT",
                "certdesk.public-base-url", "certdesk.contoso.example",
                "teams.developer.website-url", "https://intranet.contoso.example/it",
                "teams.developer.privacy-url", "https://intranet.contoso.example/privacy",
                "teams.developer.terms-url", "ftp://intranet.contoso.example/terms",
                "teams.developer.name", "The Contoso Information Technology Helpdesk"), Map.of()).problems();

        assertThat(problems).hasSize(6);
        assertThat(problems).anySatisfy(problem -> assertThat(problem).startsWith("teams.app.id (certdesk, from property teams.app.id) must be a GUID"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).startsWith("teams.bot.id").contains("GUID"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).startsWith("teams.app.version").contains("x.y.z"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).startsWith("certdesk.public-base-url")
                .contains("absolute https URL"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).startsWith("teams.developer.terms-url")
                .contains("absolute https URL"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).startsWith("teams.developer.name")
                .contains("43 characters", "32"));
    }
}
