package org.certdesk.manifest;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A package zip read back as Teams would, with the settings it was built from.
 *
 * <p>Two packages are checked by the rule tests: the one this Maven build left in target/ (the very
 * file an admin uploads, whatever settings the build was given), and one the tests build for a
 * made-up tenant, so that a rule is also seen to hold for values other than the local defaults.
 */
record PackageUnderTest(String label, Path zip, PackageSettings settings) {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BUILD_DIRECTORY = "certdesk.teams-package.dir";

    @Override
    public String toString() {
        return label;
    }

    static Stream<PackageUnderTest> all() {
        return Stream.of(fromThisBuild(), Holder.CONFIGURED);
    }

    /** The zip the exec-maven-plugin step produced; in an IDE run without Maven, one built alike. */
    static PackageUnderTest fromThisBuild() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((key, value) -> properties.put(key.toString(), value.toString()));
        PackageSettings settings = SettingsResolver.resolve(properties, System.getenv());
        String directory = System.getProperty(BUILD_DIRECTORY);
        if (directory == null) {
            return new PackageUnderTest("package built here (no Maven)", build(settings), settings);
        }
        return new PackageUnderTest("package of this build", onlyZipIn(Path.of(directory)), settings);
    }

    /** Settings a real tenant could have, with a port and a path on the base URL and a quote to escape. */
    static PackageSettings configuredTenant() {
        return SettingsResolver.resolve(Map.of(
                "teams.app.id", "3F2B8C1E-7D4A-4E6B-9A0C-5D1E2F3A4B5C",
                "teams.bot.id", "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d",
                "teams.app.version", "2.3.14",
                "certdesk.public-base-url", "https://Certdesk.Contoso.example:8443/bot/",
                "teams.developer.name", "Contoso \"IT\" helpdesk",
                "teams.developer.website-url", "https://intranet.contoso.example/it/certdesk",
                "teams.developer.privacy-url", "https://intranet.contoso.example/privacy",
                "teams.developer.terms-url", "https://intranet.contoso.example/terms",
                "teams.release", "true"), Map.of());
    }

    private static final class Holder {
        static final PackageUnderTest CONFIGURED =
                new PackageUnderTest("package for a configured tenant", build(configuredTenant()), configuredTenant());
    }

    private static Path build(PackageSettings settings) {
        try {
            return BuildTeamsPackage.write(settings, Files.createTempDirectory("certdesk-teams-app"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path onlyZipIn(Path directory) {
        List<Path> zips = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(directory, BuildTeamsPackage.ZIP_PREFIX + "*.zip")) {
            found.forEach(zips::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (zips.size() != 1) {
            throw new IllegalStateException("expected one package zip in " + directory + ", found " + zips);
        }
        return zips.get(0);
    }

    /** Entry name to content, in zip order; directory entries are kept (with no content) to be caught. */
    Map<String, byte[]> entries() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), entry.isDirectory() ? new byte[0] : in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    byte[] entry(String name) {
        byte[] content = entries().get(name);
        if (content == null) {
            throw new AssertionError(name + " is not in " + zip);
        }
        return content;
    }

    JsonNode json(String name) {
        return JSON.readTree(entry(name));
    }

    JsonNode manifest() {
        return json(TeamsPackage.MANIFEST);
    }

    BufferedImage image(String name) {
        try {
            return ImageIO.read(new ByteArrayInputStream(entry(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
