package dev.concord.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The decision-record schema shipped in the jar, for tests outside the decide package that produce records. */
public final class DecisionRecordSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = load();

    private DecisionRecordSchema() {}

    private static Schema load() {
        try (InputStream in = DecisionRecordSchema.class.getResourceAsStream("/schemas/decision-record.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line of a {@code decisions.jsonl} validates; returns how many lines there were. */
    public static int assertValidFile(Path file) throws IOException {
        int lines = 0;
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                assertThat(SCHEMA.validate(JSON.readTree(line)))
                        .as(file + ": " + line)
                        .isEmpty();
                lines++;
            }
        }
        return lines;
    }
}
