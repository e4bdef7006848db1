package org.certdesk.manifest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The files of the app package, in the order they are zipped, and the zip itself.
 *
 * <p>Teams reads manifest.json, the icons and the localization files from the root of the zip only:
 * a folder inside the zip (what zipping a directory by hand usually gives) makes the upload fail.
 */
public final class TeamsPackage {

    public static final String MANIFEST = "manifest.json";
    public static final String COLOR_ICON = "color.png";
    public static final String OUTLINE_ICON = "outline.png";
    public static final String FRENCH = "fr.json";
    static final String FRENCH_RESOURCE = "/teams/fr.json";

    /**
     * A fixed entry time: the same settings give the same bytes, so two builds of one release can be
     * compared, and a rebuilt package is recognisably unchanged.
     */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2026, 1, 1, 0, 0);

    /** One file at the root of the package. */
    public record Entry(String name, byte[] content) {
    }

    private TeamsPackage() {
    }

    public static List<Entry> entries(PackageSettings settings) {
        return List.of(
                new Entry(MANIFEST, ManifestTemplate.render(settings).getBytes(StandardCharsets.UTF_8)),
                new Entry(COLOR_ICON, IconPainter.png(IconPainter.color())),
                new Entry(OUTLINE_ICON, IconPainter.png(IconPainter.outline())),
                new Entry(FRENCH, ManifestTemplate.resource(FRENCH_RESOURCE).getBytes(StandardCharsets.UTF_8)));
    }

    public static void writeZip(List<Entry> entries, Path zip) throws IOException {
        Files.createDirectories(zip.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Entry entry : entries) {
                ZipEntry zipEntry = new ZipEntry(entry.name());
                zipEntry.setTimeLocal(ENTRY_TIME);
                out.putNextEntry(zipEntry);
                out.write(entry.content());
                out.closeEntry();
            }
        }
    }

    /** The same files unzipped, for a look or for the Developer Portal's "import" of a folder. */
    public static void writeDirectory(List<Entry> entries, Path directory) throws IOException {
        Files.createDirectories(directory);
        for (Entry entry : entries) {
            Files.write(directory.resolve(entry.name()), entry.content());
        }
    }
}
