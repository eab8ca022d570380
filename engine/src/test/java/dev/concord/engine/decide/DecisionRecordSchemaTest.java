package dev.concord.engine.decide;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every decision record the engine writes must validate against the schema shipped in the jar. */
class DecisionRecordSchemaTest {

    static final String SCHEMA = "/schemas/decision-record.schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA_VALIDATOR = load();

    private static Schema load() {
        try (InputStream in = DecisionRecordSchemaTest.class.getResourceAsStream(SCHEMA)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertValid(List<DecisionRecord> records) {
        for (DecisionRecord record : records) {
            JsonNode json = JSON.valueToTree(record);
            assertThat(SCHEMA_VALIDATOR.validate(json)).as(json.toString()).isEmpty();
        }
    }

    /** Every line a JSON-lines sink wrote into the directory. */
    static void assertValidLines(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        assertThat(SCHEMA_VALIDATOR.validate(JSON.readTree(line)))
                                .as(line)
                                .isEmpty();
                    }
                }
            }
        }
    }

    private static List<String> errors(String json) throws IOException {
        return SCHEMA_VALIDATOR.validate(JSON.readTree(json)).stream()
                .map(Object::toString)
                .toList();
    }

    private static final String CONFIRMED = """
            {"decision_id":"erp-database/aws/20260105T102500Z","policy":"erp-database","domain":"transactional-db",
             "action":"PROMOTE_STANDBY","state":"CONFIRMED","scope":{"cloud":"aws","region":null,"tenant":null},
             "from":"aws","to":"gcp","weights":null,"event_time":"2026-01-05T10:27:00Z",
             "quorum":{"required":2,"agreeing":2,"counted":["health","dependency"]},
             "signals":[{"family":"health","verdict":"FAILING","evidence":{"measure":"error_share","value":1.0,
               "threshold":0.25,"window":"1m","p_value":1.0E-24,"samples":12,"vantage_points":null}}],
             "vetoes":[],"confirmation":{"by":"alice","at":"2026-01-05T10:27:00Z","reason":""}}
            """;

    @Test
    void acceptsTheIssuesExampleOfAConfirmedPromotion() throws IOException {
        assertThat(errors(CONFIRMED)).isEmpty();
    }

    @Test
    void rejectsARecordWithAnUnknownStateOrACamelCaseField() throws IOException {
        assertThat(errors(CONFIRMED.replace("\"CONFIRMED\"", "\"DONE\""))).isNotEmpty();
        assertThat(errors(CONFIRMED.replace("event_time", "eventTime"))).isNotEmpty();
    }
}
