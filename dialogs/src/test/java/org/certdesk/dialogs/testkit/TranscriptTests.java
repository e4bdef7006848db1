package org.certdesk.dialogs.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.certdesk.dialogs.action.Catalogue;
import org.certdesk.dialogs.engine.DialogEngine;
import org.certdesk.dialogs.load.DefaultScripts;
import org.certdesk.dialogs.load.ScriptLoader;
import org.certdesk.dialogs.script.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every transcript in {@code src/test/resources/transcripts} against the default script, once
 * per locale, then prints the coverage and fails unless every state and every transition was
 * visited in every locale. A new branch in the script therefore needs a transcript before the
 * build passes again.
 */
class TranscriptTests {

    private static final Path FOLDER = Path.of("src", "test", "resources", "transcripts");
    private static final Script SCRIPT =
            DefaultScripts.load(DefaultScripts.ANDROID_MISSING_CERTIFICATE, ScriptLoader.standard()).orElseThrow();
    private static final Coverage COVERAGE = new Coverage(SCRIPT);

    @TestFactory
    Stream<DynamicTest> transcripts() throws IOException {
        TranscriptRunner runner = new TranscriptRunner(new DialogEngine(SCRIPT, Catalogue.standard()), COVERAGE);
        List<Transcript> transcripts = TranscriptReader.readFolder(FOLDER, SCRIPT.locales());
        return transcripts.stream().flatMap(t -> t.locales().stream()
                .map(locale -> DynamicTest.dynamicTest(t.file() + " [" + locale + "] " + t.name(),
                        () -> runner.run(t, locale))));
    }

    @AfterAll
    static void everyStateAndTransitionIsCovered() {
        String report = COVERAGE.report();
        // Printed on the console (this module does not redirect test output) so the build shows it.
        System.out.print(report);
        if (!COVERAGE.complete()) {
            throw new AssertionError("transcripts must cover every state and transition of "
                    + SCRIPT.id() + " in every locale:\n" + report);
        }
    }
}
