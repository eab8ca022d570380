package dev.concord.outputs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.engine.decide.Action;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.DecisionState;
import dev.concord.engine.slo.SloSnapshot;
import dev.concord.engine.slo.WindowBurn;
import dev.concord.outputs.alertmanager.DecisionFixtures;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DocumentsTest {

    private static final long MINUTE_END = 1_767_604_260_000L; // 2026-01-05T09:11:00Z

    private static SloSnapshot snapshot() {
        return new SloSnapshot(
                "availability",
                "order-to-fulfillment",
                "aws",
                "us-east-1",
                "*",
                MINUTE_END,
                0.999,
                false,
                1800,
                0.99,
                -9,
                List.of(new WindowBurn(60, 100, 90, 0.9, 100), new WindowBurn(5, 10, 0, 0, 1000)),
                List.of("page:1h/5m"));
    }

    @Test
    void aSnapshotGoesToTheDailyIndexOfItsMinuteWithAnIdFromItsKeyAndMinute() {
        IndexedDocument doc = Documents.sloSnapshots().toDocument(snapshot(), "concord-");

        assertThat(doc.index()).isEqualTo("concord-slo-2026.01.05");
        assertThat(doc.id()).isEqualTo("availability|aws|us-east-1|*|" + MINUTE_END);
        assertThat(doc.source()).containsEntry("@timestamp", "2026-01-05T09:11:00Z");
    }

    @Test
    void everyDocumentFieldIsMappedBecauseTheMappingsAreStrict() throws Exception {
        JsonNode mapping = new ObjectMapper()
                .readTree(IndexTemplates.body("slo", "concord-"))
                .at("/template/mappings/properties");
        JsonNode doc = new ObjectMapper().valueToTree(Documents.source(snapshot()));

        assertThat(unmapped(doc, mapping)).isEmpty();
    }

    @Test
    void everyDecisionFieldIsMappedAndEachTransitionIsItsOwnDocument() throws Exception {
        DecisionRecord recommended =
                DecisionFixtures.decision(Action.PROMOTE_STANDBY, DecisionState.VETOED, "2026-01-05T09:12:00Z");
        DecisionRecord confirmed =
                DecisionFixtures.decision(Action.PROMOTE_STANDBY, DecisionState.CONFIRMED, "2026-01-05T09:14:00Z");
        IndexedDocument first = Documents.decisionRecords().toDocument(recommended, "concord-");
        IndexedDocument second = Documents.decisionRecords().toDocument(confirmed, "concord-");
        JsonNode mapping = new ObjectMapper()
                .readTree(IndexTemplates.body("decisions", "concord-"))
                .at("/template/mappings/properties");

        assertThat(first.index()).isEqualTo("concord-decisions");
        assertThat(first.id()).isEqualTo(DecisionFixtures.ID + "|VETOED@2026-01-05T09:12:00Z");
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(Documents.decisionRecords().toDocument(recommended, "concord-"))
                .as("the same record, the same id: a replay overwrites")
                .isEqualTo(first);
        assertThat(unmapped(new ObjectMapper().valueToTree(first.source()), mapping))
                .isEmpty();
        assertThat(unmapped(new ObjectMapper().valueToTree(second.source()), mapping))
                .isEmpty();
    }

    @Test
    void templatesMatchOnlyTheirOwnPrefix() throws Exception {
        JsonNode template = new ObjectMapper().readTree(IndexTemplates.body("decisions", "concord-it-1-"));
        assertThat(template.at("/index_patterns/0").asText()).isEqualTo("concord-it-1-decisions");
        assertThat(template.at("/template/mappings/properties/signals/type").asText())
                .isEqualTo("nested");
    }

    private static Set<String> unmapped(JsonNode doc, JsonNode properties) {
        Set<String> missing = new HashSet<>();
        for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            JsonNode mapped = properties.get(field);
            if (mapped == null) {
                missing.add(field);
            } else if (doc.get(field).isArray()
                    && doc.get(field).size() > 0
                    && doc.get(field).get(0).isObject()) {
                missing.addAll(unmapped(doc.get(field).get(0), mapped.get("properties")));
            } else if (doc.get(field).isObject()) {
                missing.addAll(unmapped(doc.get(field), mapped.get("properties")));
            }
        }
        return missing;
    }
}
