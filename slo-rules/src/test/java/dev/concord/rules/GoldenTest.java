package dev.concord.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.rules.explain.Explainer;
import dev.concord.rules.explain.JsonReport;
import dev.concord.rules.model.Slo;
import dev.concord.rules.openslo.OpenSloImport;
import dev.concord.rules.openslo.OpenSloImport.ImportResult;
import dev.concord.rules.problem.Problem;
import dev.concord.services.GoldenFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each folder under {@code golden/} is a case: rules or OpenSLO files under {@code input/}, and what they must give.
 * {@code expected-explain.json} is the exact {@code explain --json} output of valid rules;
 * {@code expected-messages.txt} the exact output of {@code check} (every message, then the verdict);
 * {@code expected-import/} the files {@code import-openslo} writes, and {@code expected-import-messages.txt} its
 * messages. Paths in messages are relative to the case folder. {@code -Dgolden.update=true} rewrites the expected
 * files from the current output; review the diff before committing it.
 */
class GoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = GoldenFiles.updating();

    static Stream<Named<Path>> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            return dirs
                    .filter(Files::isDirectory)
                    .sorted()
                    .map(dir -> Named.of(dir.getFileName().toString().replace('-', ' '), dir))
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givesExactlyTheExpectedOutput(Path dir) throws IOException {
        Path input = dir.resolve("input");
        boolean openSlo = Files.exists(dir.resolve("expected-import"))
                || Files.exists(dir.resolve("expected-import-messages.txt"));
        assertThat(openSlo
                        || Files.exists(dir.resolve("expected-explain.json"))
                        || Files.exists(dir.resolve("expected-messages.txt")))
                .as("%s has an expected file", dir)
                .isTrue();
        if (openSlo) {
            importCase(dir, input);
        } else {
            rulesCase(dir, input);
        }
    }

    private static void rulesCase(Path dir, Path input) {
        CheckResult result = Rules.check(List.of(input));
        if (Files.exists(dir.resolve("expected-explain.json"))) {
            assertThat(result.problems()).as("a valid case has no problems").isEmpty();
            compare(dir.resolve("expected-explain.json"), JsonReport.render(Explainer.explain(result.rules())));
        } else {
            assertThat(result.problems()).as("an invalid case has problems").isNotEmpty();
            compare(dir.resolve("expected-messages.txt"), relative(dir, CheckReport.render(result)));
        }
    }

    private static void importCase(Path dir, Path input) throws IOException {
        ImportResult result = OpenSloImport.read(List.of(input));
        String messages = result.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
        Path expectedMessages = dir.resolve("expected-import-messages.txt");
        if (result.valid() && !Files.exists(expectedMessages)) {
            assertThat(result.problems()).isEmpty();
        } else {
            compare(expectedMessages, relative(dir, messages + "\n"));
        }
        Path expected = dir.resolve("expected-import");
        TreeMap<String, String> actual = new TreeMap<>();
        result.files().forEach(file -> actual.put(file.name(), relative(dir, file.yaml())));
        if (UPDATE) {
            rewrite(expected, actual);
        }
        TreeMap<String, String> wanted = new TreeMap<>();
        if (Files.isDirectory(expected)) {
            try (Stream<Path> files = Files.list(expected)) {
                files.forEach(file -> wanted.put(file.getFileName().toString(), read(file)));
            }
        }
        assertThat(actual).isEqualTo(wanted);
        if (!actual.isEmpty()) {
            // what the importer writes must load: checked together with the transactions the case defines
            CheckResult reloaded = Rules.check(List.of(expected, dir.resolve("transactions.yaml")));
            assertThat(reloaded.problems()).isEmpty();
            assertThat(reloaded.rules().slos().stream().map(GoldenTest::withoutOrigin))
                    .as("the written files read back to the SLOs imported")
                    .containsExactlyInAnyOrderElementsOf(result.slos().stream()
                            .map(GoldenTest::withoutOrigin)
                            .toList());
        }
    }

    /** Where a record was read from, and the file it was imported from, differ by design between the two. */
    private static Slo withoutOrigin(Slo slo) {
        java.util.Map<String, String> annotations =
                new java.util.HashMap<>(slo.metadata().annotations());
        annotations.remove(Conventions.ANNOTATION_IMPORTED_FROM);
        return new Slo(
                new dev.concord.rules.model.Metadata(slo.name(), slo.metadata().labels(), annotations),
                slo.description(),
                slo.transaction(),
                slo.indicator(),
                slo.objectivePercent().stripTrailingZeros(),
                slo.window(),
                slo.budgeting(),
                slo.groupBy(),
                slo.alerting(),
                null);
    }

    private static String relative(Path dir, String text) {
        return text.replace(dir.toString() + "/", "");
    }

    private static void compare(Path expected, String actual) {
        GoldenFiles.assertMatches(expected, actual);
    }

    private static void rewrite(Path dir, TreeMap<String, String> files) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> old = Files.list(dir)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        files.forEach((name, text) -> write(dir.resolve(name), text));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
