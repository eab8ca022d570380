package dev.concord.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files, the same way in every module: output is compared with a file in the module's source tree (never the
 * copy on the classpath, which an update would leave stale), and {@code -Dgolden.update=true} rewrites the file
 * instead, for a reviewer to read in the diff.
 */
public final class GoldenFiles {

    /** The one system property that rewrites every golden file. */
    public static final String UPDATE_PROPERTY = "golden.update";

    private GoldenFiles() {}

    /** True when this run rewrites golden files instead of comparing with them. */
    public static boolean updating() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    /** A file under the module's {@code src/test/resources}. */
    public static Path resource(String relative) {
        return Path.of("src", "test", "resources").resolve(relative);
    }

    /** Fails unless {@code golden} holds exactly {@code actual}; writes it first when updating. */
    public static void assertMatches(Path golden, String actual) {
        try {
            if (updating()) {
                if (golden.getParent() != null) {
                    Files.createDirectories(golden.getParent());
                }
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
            }
            assertTrue(Files.isRegularFile(golden), golden + " exists (create it with -D" + UPDATE_PROPERTY + "=true)");
            assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "the golden file " + golden);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
