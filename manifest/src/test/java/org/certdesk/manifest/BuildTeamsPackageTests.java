package org.certdesk.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The program the Maven build runs: exit status, messages, files written. */
class BuildTeamsPackageTests {

    @TempDir
    Path out;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int run(Map<String, String> environment, String... args) {
        return BuildTeamsPackage.run(args, environment,
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void releaseWithUnsetValuesFailsNamingWhatToSetAndWritesNothing() throws Exception {
        // What `mvn -pl manifest verify -Dteams.release=true` does on a machine with nothing configured.
        int status = run(Map.of(), "--out=" + out, "--project.version=0.1.0-SNAPSHOT", "--teams.app.id=",
                "--teams.release=true");

        assertThat(status).isEqualTo(1);
        assertThat(err()).contains("was not built", "teams.app.id is not set", "TEAMS_APP_ID",
                "teams.bot.id is not set", "CERTDESK_BOT_APP_ID", "CERTDESK_PUBLIC_BASE_URL");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void releaseFromTheEnvironmentWritesTheZipAndTheUnzippedFiles() throws Exception {
        Map<String, String> environment = Map.of(
                "TEAMS_APP_ID", "3f2b8c1e-7d4a-4e6b-9a0c-5d1e2f3a4b5c",
                "CERTDESK_BOT_APP_ID", "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d",
                "TEAMS_APP_VERSION", "1.2.0",
                "CERTDESK_PUBLIC_BASE_URL", "https://certdesk.contoso.example",
                "TEAMS_DEVELOPER_WEBSITE_URL", "https://intranet.contoso.example/it",
                "TEAMS_DEVELOPER_PRIVACY_URL", "https://intranet.contoso.example/privacy",
                "TEAMS_DEVELOPER_TERMS_URL", "https://intranet.contoso.example/terms",
                "TEAMS_RELEASE", "true");

        int status = run(environment, "--out=" + out, "--project.version=0.1.0-SNAPSHOT");

        assertThat(status).as(err()).isZero();
        assertThat(out.resolve("certdesk-teams-app-1.2.0.zip")).isRegularFile();
        assertThat(out.resolve("teams-app")).isDirectoryContaining("glob:**/manifest.json")
                .isDirectoryContaining("glob:**/fr.json");
        assertThat(Files.readString(out.resolve("teams-app/manifest.json"))).contains("\"certdesk.contoso.example\"");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("certdesk-teams-app-1.2.0.zip")
                .contains("teams.bot.id = 9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d (environment CERTDESK_BOT_APP_ID)")
                .doesNotContain("LOCAL PACKAGE");
    }

    @Test
    void localBuildSaysItIsLocalAndReplacesTheZipOfAnotherVersion() throws Exception {
        Files.writeString(out.resolve("certdesk-teams-app-0.0.9.zip"), "old");

        int status = run(Map.of(), "--out=" + out, "--project.version=0.3.0-SNAPSHOT");

        assertThat(status).as(err()).isZero();
        try (Stream<Path> zips = Files.list(out).filter(path -> path.toString().endsWith(".zip"))) {
            assertThat(zips).map(path -> path.getFileName().toString()).containsExactly("certdesk-teams-app-0.3.0.zip");
        }
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("LOCAL PACKAGE: 6 value(s)");
    }

    @Test
    void sameSettingsGiveTheSameBytes() throws Exception {
        assertThat(run(Map.of(), "--out=" + out.resolve("a"))).isZero();
        assertThat(run(Map.of(), "--out=" + out.resolve("b"))).isZero();

        assertThat(Files.readAllBytes(out.resolve("a/certdesk-teams-app-0.1.0.zip")))
                .isEqualTo(Files.readAllBytes(out.resolve("b/certdesk-teams-app-0.1.0.zip")));
    }

    @Test
    void misspeltPropertyIsRefusedRatherThanIgnored() {
        int status = run(Map.of(), "--out=" + out, "--teams.appid=3f2b8c1e-7d4a-4e6b-9a0c-5d1e2f3a4b5c");

        assertThat(status).isEqualTo(2);
        assertThat(err()).contains("unknown argument(s) [teams.appid]", "teams.app.id");
    }

    @Test
    void missingOutputDirectoryIsAUsageError() {
        assertThat(run(Map.of(), "--teams.release=false")).isEqualTo(2);
        assertThat(err()).contains("usage");
    }
}
