package org.certdesk.dialogs.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Reads transcript files ({@code *.yaml}) from a folder, in file name order. */
public final class TranscriptReader {

    private TranscriptReader() {
    }

    public static List<Transcript> readFolder(Path folder, List<String> defaultLocales) throws IOException {
        List<Transcript> transcripts = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                transcripts.add(read(file, defaultLocales));
            }
        }
        return transcripts;
    }

    @SuppressWarnings("unchecked")
    public static Transcript read(Path file, List<String> defaultLocales) throws IOException {
        String name = file.getFileName().toString();
        Object root = new Load(LoadSettings.builder().setLabel(name).build())
                .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
        if (!(root instanceof Map<?, ?> map) || !(map.get("steps") instanceof List<?> steps)) {
            throw new IllegalArgumentException(name + ": a transcript is a mapping with 'name' and 'steps'");
        }
        for (Object key : map.keySet()) {
            if (!List.of("name", "locales", "steps").contains(key)) {
                throw new IllegalArgumentException(name + ": unknown key '" + key + "'");
            }
        }
        List<String> locales = map.containsKey("locales") ? (List<String>) map.get("locales") : defaultLocales;
        List<Map<String, Object>> typedSteps = new ArrayList<>();
        for (Object step : steps) {
            if (!(step instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(name + ": each step is a mapping, got " + step);
            }
            typedSteps.add((Map<String, Object>) step);
        }
        return new Transcript(name, map.containsKey("name") ? String.valueOf(map.get("name")) : name, locales, typedSteps);
    }
}
