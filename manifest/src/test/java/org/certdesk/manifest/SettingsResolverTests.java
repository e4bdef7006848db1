package org.certdesk.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsResolverTests {

    private static final String GUID_A = "3f2b8c1e-7d4a-4e6b-9a0c-5d1e2f3a4b5c";
    private static final String GUID_B = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";
    private static final String GUID_C = "1b4e28ba-2fa1-41d2-883f-0016d3cca427";

    @Test
    void propertyWinsOverEnvironmentVariable() {
        PackageSettings settings = SettingsResolver.resolve(
                Map.of("teams.app.id", GUID_A), Map.of("TEAMS_APP_ID", GUID_B));

        assertThat(settings.get(Setting.APP_ID)).isEqualTo(new Resolved(GUID_A, "property teams.app.id", false));
    }

    @Test
    void blankPropertyCountsAsUnsetSoTheEnvironmentVariableApplies() {
        // Maven passes every property, empty when nobody set it.
        PackageSettings settings = SettingsResolver.resolve(
                Map.of("teams.app.id", "", "teams.app.version", "  "), Map.of("TEAMS_APP_ID", GUID_B, "TEAMS_APP_VERSION", "1.2.3"));

        assertThat(settings.get(Setting.APP_ID)).isEqualTo(new Resolved(GUID_B, "environment TEAMS_APP_ID", false));
        assertThat(settings.value(Setting.APP_VERSION)).isEqualTo("1.2.3");
    }

    @Test
    void botIdFallsBackToTheBotServicesAppIdVariable() {
        PackageSettings fromService = SettingsResolver.resolve(Map.of(), Map.of("CERTDESK_BOT_APP_ID", GUID_C));
        PackageSettings bothSet = SettingsResolver.resolve(Map.of(),
                Map.of("CERTDESK_BOT_APP_ID", GUID_C, "TEAMS_BOT_ID", GUID_A));

        assertThat(fromService.get(Setting.BOT_ID).origin()).isEqualTo("environment CERTDESK_BOT_APP_ID");
        assertThat(fromService.value(Setting.BOT_ID)).isEqualTo(GUID_C);
        assertThat(bothSet.value(Setting.BOT_ID)).isEqualTo(GUID_A);
    }

    @Test
    void nothingSetGivesTheDocumentedLocalDefaults() {
        PackageSettings settings = SettingsResolver.resolve(Map.of("project.version", "0.4.2-SNAPSHOT"), Map.of());

        assertThat(settings.value(Setting.APP_ID)).isEqualTo("10ca1000-0000-4000-8000-000000000001");
        assertThat(settings.value(Setting.BOT_ID)).isEqualTo("10ca1000-0000-4000-8000-000000000002");
        assertThat(settings.value(Setting.APP_VERSION)).isEqualTo("0.4.2");
        assertThat(settings.value(Setting.PUBLIC_BASE_URL)).isEqualTo("http://localhost:3978");
        assertThat(settings.domain()).isEqualTo("localhost");
        assertThat(settings.value(Setting.DEVELOPER_NAME)).isEqualTo("IT helpdesk");
        assertThat(settings.value(Setting.DEVELOPER_PRIVACY_URL)).isEqualTo("http://localhost:3978/privacy");
        assertThat(settings.release()).isFalse();
        assertThat(settings.localDefaults()).containsExactly(Setting.APP_ID, Setting.BOT_ID, Setting.PUBLIC_BASE_URL,
                Setting.DEVELOPER_WEBSITE_URL, Setting.DEVELOPER_PRIVACY_URL, Setting.DEVELOPER_TERMS_URL);
        assertThat(settings.problems()).isEmpty();
    }

    @Test
    void localDeveloperPagesFollowTheConfiguredBaseUrl() {
        PackageSettings settings = SettingsResolver.resolve(Map.of(),
                Map.of("CERTDESK_PUBLIC_BASE_URL", "https://certdesk.contoso.example/"));

        assertThat(settings.value(Setting.DEVELOPER_WEBSITE_URL)).isEqualTo("https://certdesk.contoso.example/");
        assertThat(settings.value(Setting.DEVELOPER_TERMS_URL)).isEqualTo("https://certdesk.contoso.example/terms");
        assertThat(settings.get(Setting.DEVELOPER_TERMS_URL).isLocalDefault()).isTrue();
    }

    @Test
    void domainIsTheBareLowerCaseHostWithoutPortOrPath() {
        PackageSettings settings = SettingsResolver.resolve(
                Map.of("certdesk.public-base-url", "https://CertDesk.Contoso.example:8443/bot/"), Map.of());

        assertThat(settings.domain()).isEqualTo("certdesk.contoso.example");
    }

    @Test
    void releaseFlagComesFromPropertyOrEnvironment() {
        assertThat(SettingsResolver.resolve(Map.of("teams.release", "true"), Map.of()).release()).isTrue();
        assertThat(SettingsResolver.resolve(Map.of(), Map.of("TEAMS_RELEASE", "TRUE")).release()).isTrue();
        assertThat(SettingsResolver.resolve(Map.of("teams.release", "false"), Map.of("TEAMS_RELEASE", "true"))
                .release()).isFalse();
    }

    @Test
    void appVersionDropsTheMavenQualifier() {
        assertThat(SettingsResolver.semverOf("1.4.0-SNAPSHOT")).isEqualTo("1.4.0");
        assertThat(SettingsResolver.semverOf("2.0.1")).isEqualTo("2.0.1");
        assertThat(SettingsResolver.semverOf("")).isEqualTo("0.1.0");
    }
}
