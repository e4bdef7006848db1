package org.certdesk.dialogs.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.certdesk.dialogs.action.Catalogue;
import org.certdesk.dialogs.lint.Linter;
import org.certdesk.dialogs.lint.Problems;
import org.certdesk.dialogs.lint.ScriptGraph;
import org.certdesk.dialogs.script.Script;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a script from YAML and lints it. A script with any problem is rejected whole: callers get
 * either a script they can run or the full list of problems, never a half-built script.
 * Thread-safe; one loader can serve every request.
 */
public final class ScriptLoader {

    private final Catalogue catalogue;

    public ScriptLoader(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** A loader checking against {@link Catalogue#standard()}. */
    public static ScriptLoader standard() {
        return new ScriptLoader(Catalogue.standard());
    }

    /**
     * Loads {@code yaml}.
     *
     * @param file the name used in problem reports, e.g. {@code android-missing-certificate.yaml}
     */
    public LoadResult load(String file, String yaml) {
        Problems problems = new Problems(file);
        Optional<Node> root = YamlDocument.parse(yaml, problems);
        if (root.isPresent()) {
            Script script = new ScriptReader(file, new Fields(problems)).read(root.get());
            if (script != null) {
                new Linter(catalogue).check(script, problems);
            }
            if (problems.isEmpty()) {
                return new LoadResult.Loaded(script, problems.sortedWarnings());
            }
        }
        return new LoadResult.Rejected(problems.sorted(), problems.sortedWarnings());
    }

    /**
     * The states and transitions of {@code yaml} as far as it can be read, for a diagram of a draft
     * that may not lint yet; empty when the text is not a YAML mapping at all (the problems of
     * {@link #load(String, String)} say why).
     */
    public Optional<ScriptGraph> graph(String file, String yaml) {
        Problems problems = new Problems(file);
        Optional<Node> root = YamlDocument.parse(yaml, problems);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(new ScriptReader(file, new Fields(problems)).read(root.get())).map(ScriptGraph::of);
    }

    /** Loads a UTF-8 file; problems name the file by its file name. */
    public LoadResult load(Path path) throws IOException {
        return load(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
    }

    /**
     * Loads a UTF-8 classpath resource.
     *
     * @throws IllegalArgumentException when there is no such resource
     */
    public LoadResult loadResource(String resource) {
        try (InputStream in = ScriptLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no classpath resource '" + resource + "'");
            }
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            return load(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read classpath resource '" + resource + "'", e);
        }
    }
}
