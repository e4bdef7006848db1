package org.certdesk.manifest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@code certdesk-teams-app-<version>.zip} (and the same files unzipped in {@code teams-app/})
 * in the output directory. The Maven build runs it with every property as {@code --name=value}; it
 * can be run by hand the same way.
 *
 * <p>Exit status 1, with one line per problem naming the property and environment variable to set,
 * when a value is malformed, or left at its local default in a release ({@code --teams.release=true}).
 */
public final class BuildTeamsPackage {

    public static final String ZIP_PREFIX = "certdesk-teams-app-";
    public static final String DIRECTORY = "teams-app";
    private static final Set<String> KNOWN = known();

    private BuildTeamsPackage() {
    }

    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The whole build, with the environment passed in so that tests need not change the real one. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Map<String, String> properties = parse(args);
        List<String> unknown = properties.keySet().stream().filter(name -> !KNOWN.contains(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            // A misspelt property would otherwise quietly fall back to its default.
            err.println("unknown argument(s) " + unknown + "; known: " + KNOWN.stream().sorted().toList());
            return 2;
        }
        String outDirectory = properties.get("out");
        if (outDirectory == null || outDirectory.isBlank()) {
            err.println("usage: BuildTeamsPackage --out=<directory> [--teams.app.id=<GUID> ...]");
            return 2;
        }
        PackageSettings settings = SettingsResolver.resolve(properties, environment);
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            err.println("The Teams app package was not built:");
            problems.forEach(problem -> err.println("  - " + problem));
            return 1;
        }
        try {
            Path zip = write(settings, Path.of(outDirectory));
            report(settings, zip, out);
            return 0;
        } catch (IOException e) {
            err.println("The Teams app package could not be written: " + e);
            return 1;
        }
    }

    static Path write(PackageSettings settings, Path outDirectory) throws IOException {
        List<TeamsPackage.Entry> entries = TeamsPackage.entries(settings);
        // A zip left by a build of another version would be taken for this one (by the tests, by a
        // person picking "the" zip in target/): there is only ever the current one.
        Files.createDirectories(outDirectory);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(outDirectory, ZIP_PREFIX + "*.zip")) {
            for (Path stale : old) {
                Files.delete(stale);
            }
        }
        Path zip = outDirectory.resolve(ZIP_PREFIX + settings.value(Setting.APP_VERSION) + ".zip");
        TeamsPackage.writeZip(entries, zip);
        TeamsPackage.writeDirectory(entries, outDirectory.resolve(DIRECTORY));
        return zip;
    }

    private static void report(PackageSettings settings, Path zip, PrintStream out) {
        out.println("Teams app package: " + zip);
        for (Setting setting : Setting.values()) {
            Resolved resolved = settings.get(setting);
            out.println("  " + setting.property() + " = " + resolved.value() + " (" + resolved.origin() + ")");
        }
        List<Setting> local = settings.localDefaults();
        if (!local.isEmpty()) {
            out.println("  LOCAL PACKAGE: " + local.size() + " value(s) at their local default; "
                    + "for a tenant, build with -Dteams.release=true (see manifest/README.md)");
        }
    }

    private static Set<String> known() {
        Set<String> names = new HashSet<>(Set.of("out", SettingsResolver.PROJECT_VERSION));
        for (Setting setting : Setting.values()) {
            names.add(setting.property());
        }
        return Set.copyOf(names);
    }

    /** {@code --name=value} pairs; an argument of another shape is kept under its own text, so reported. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> properties = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 2) {
                properties.put(arg.substring(2, equals), arg.substring(equals + 1));
            } else {
                properties.put(arg, "");
            }
        }
        return properties;
    }
}
