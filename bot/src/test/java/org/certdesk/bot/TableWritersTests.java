package org.certdesk.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Each table is written (INSERT, UPDATE, DELETE, MERGE) by one class of the service: the store that
 * owns it, so that its invariants live in one place and others go through that store (or a port it
 * implements). Reads from the SQL in the main sources: the string literals, with the pieces of one
 * statement joined by {@code +} read as one. A statement whose table name comes from a constant
 * is seen only through its literal parts.
 */
class TableWritersTests {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern JOINED_LITERALS = Pattern.compile("\"\\s*\\+\\s*\"");
    private static final Pattern WRITE = Pattern.compile(
            "\\b(?:INSERT INTO|DELETE FROM|MERGE INTO)\\s+([a-z_]+)|\\bUPDATE\\s+([a-z_]+)\\s+SET\\b");

    @Test
    void eachTableHasOneWriter() throws IOException {
        Map<String, Set<String>> writers = writers();

        // The scan must see the stores it is about, or it would pass on anything.
        assertThat(writers).containsEntry("conversations", Set.of("conversation/ConversationStore.java"))
                .containsEntry("outbox", Set.of("outbox/OutboxStore.java"));
        assertThat(writers).allSatisfy((table, classes) -> assertThat(classes)
                .as("the classes that write table %s", table).hasSize(1));
    }

    private static Map<String, Set<String>> writers() throws IOException {
        Map<String, Set<String>> writers = new TreeMap<>();
        Path root = SOURCES.resolve("org/certdesk/bot");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            String joined = JOINED_LITERALS.matcher(Files.readString(file)).replaceAll("");
            Matcher literal = LITERAL.matcher(joined);
            while (literal.find()) {
                Matcher write = WRITE.matcher(literal.group(1));
                while (write.find()) {
                    String table = write.group(1) != null ? write.group(1) : write.group(2);
                    writers.computeIfAbsent(table, t -> new TreeSet<>())
                            .add(root.relativize(file).toString().replace('\\', '/'));
                }
            }
        }
        return writers;
    }
}
