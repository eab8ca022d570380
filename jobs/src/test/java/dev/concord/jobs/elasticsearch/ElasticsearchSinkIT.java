package dev.concord.jobs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.ingest.model.Span;
import dev.concord.jobs.Engine;
import dev.concord.jobs.outputs.OutputFixtures;
import dev.concord.jobs.sinks.JsonLinesSink;
import dev.concord.jobs.slo.SloPipelineJob;
import dev.concord.jobs.sources.SimulatedSpans;
import dev.concord.services.RequiresServices;
import dev.concord.services.Service;
import dev.concord.services.ServiceEndpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The SLO pipeline at parallelism 2 writing into the real Elasticsearch node, twice over the same input. */
@RequiresServices(Service.ELASTICSEARCH)
class ElasticsearchSinkIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setConfiguration(Engine.baseConfiguration())
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String PREFIX = "concord-it-" + RUN + "-";

    private static List<Span> spans;
    private static ElasticsearchConfig config;
    private static ElasticsearchClient client;

    @TempDir
    Path out;

    @BeforeAll
    static void setUp(ServiceEndpoints endpoints) {
        spans = OutputFixtures.spans();
        // small batches so one run needs many bulk requests from each subtask
        config = ElasticsearchConfig.builder()
                .host(endpoints.elasticsearchUrl())
                .indexPrefix(PREFIX)
                .maxBatchActions(200)
                .build();
        client = ElasticsearchClients.create(config);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (client != null) {
            client.indices().delete(d -> d.index(PREFIX + "*").allowNoIndices(true));
            for (String name : IndexTemplates.NAMES) {
                client.indices().deleteIndexTemplate(d -> d.name(PREFIX + name));
            }
            client._transport().close();
        }
    }

    @Test
    void storesEveryOutcomeAndSnapshotOnceAndAReplayOverwritesInsteadOfDuplicating() throws Exception {
        run(out.resolve("first"));
        long transactions = count("transactions-*");
        long snapshots = count("slo-*");

        assertThat(transactions).isEqualTo(OutputFixtures.TRANSACTIONS);
        assertThat(snapshots).isGreaterThan(2 * 30);
        assertThat(distinct("slo-*", "@timestamp")).isGreaterThan(30);
        JsonNode outage = firstHit("slo-*", "cloud", "aws", OutputFixtures.OUTAGE.toEpochMilli() + 5 * 60_000L);
        assertThat(outage.get("firing").toString()).contains("page");
        assertThat(outage.get("windows")).isNotEmpty();

        run(out.resolve("second"));

        assertThat(count("transactions-*")).isEqualTo(transactions);
        assertThat(count("slo-*")).isEqualTo(snapshots);
        assertThat(client.indices()
                        .stats(s -> s.index(PREFIX + "transactions-*"))
                        .all()
                        .primaries()
                        .indexing()
                        .indexTotal())
                .as("the replay indexed every outcome again, onto the same ids")
                .isGreaterThanOrEqualTo(2 * transactions);
    }

    @Test
    void theDecisionsTemplateTakesADecisionAndTheTimelinePanelQueryFindsIt() throws Exception {
        IndexTemplates.install(client, PREFIX);
        Map<String, Object> evidence = Map.of(
                "family", "slo",
                "signal", "order-to-fulfillment-availability",
                "verdict", "unhealthy",
                "cloud", "aws",
                "region", "us-east-1",
                "value", 120.0,
                "threshold", 14.4,
                "observed_at", "2026-01-05T09:12:00Z",
                "detail", "1h burn rate 120 over 14.4");
        Map<String, Object> decision = Map.of(
                "@timestamp", "2026-01-05T09:12:00Z",
                "decision_id", "d-1",
                "transition", "recommended",
                "from_state", "watching",
                "state", "recommended",
                "policy", "warehouse-failover",
                "action", "failover",
                "scope", Map.of("transaction", "order-to-fulfillment", "from_cloud", "aws", "to_cloud", "gcp"),
                "summary", "aws us-east-1 fails order-to-fulfillment; gcp us-central1 healthy",
                "evidence", List.of(evidence));
        String index = Documents.decisionsIndex(PREFIX);
        for (int i = 0; i < 2; i++) {
            client.index(r -> r.index(index)
                    .id(Documents.decisionDocumentId("d-1", "recommended"))
                    .document(decision));
        }
        client.indices().refresh(r -> r.index(index));

        JsonNode panel = new ObjectMapper()
                .readTree(Path.of(System.getenv().getOrDefault("CONCORD_REPO_ROOT", ".."))
                        .resolve("deploy/grafana/dashboards/concord-failover-decisions.json")
                        .toFile())
                .at("/panels/2/targets/0");
        assertThat(panel.at("/datasource/uid").asText()).isEqualTo("concord-es-decisions");
        String lucene = panel.get("query").asText().replaceAll("\\$\\{\\w+:lucene}", "*");
        SearchResponse<JsonNode> hits =
                client.search(s -> s.index(index).query(q -> q.queryString(qs -> qs.query(lucene))), JsonNode.class);

        assertThat(hits.hits().hits()).hasSize(1);
        assertThat(hits.hits().hits().get(0).source().at("/evidence/0/verdict").asText())
                .isEqualTo("unhealthy");
    }

    private void run(Path dir) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        new SloPipelineJob(
                        SimulatedSpans.of(spans, env.getConfig()),
                        List.of(OutputFixtures.ORDER_TO_FULFILLMENT),
                        List.of(OutputFixtures.availability(RUN)),
                        OutputFixtures.STOP_AT,
                        new SloPipelineJob.Sinks(
                                ElasticsearchSink.transactionOutcomes(config),
                                ElasticsearchSink.sloSnapshots(config),
                                new JsonLinesSink<>(dir.resolve("alerts")),
                                new JsonLinesSink<>(dir.resolve("late"))))
                .execute(env);
        client.indices().refresh(r -> r.index(PREFIX + "*"));
    }

    private static long count(String pattern) throws IOException {
        return client.count(c -> c.index(PREFIX + pattern)).count();
    }

    private static long distinct(String pattern, String field) throws IOException {
        SearchResponse<Void> response = client.search(
                s -> s.index(PREFIX + pattern).size(0).aggregations("n", a -> a.cardinality(c -> c.field(field))),
                Void.class);
        return response.aggregations().get("n").cardinality().value();
    }

    private static JsonNode firstHit(String pattern, String field, String value, long epochMillis) throws IOException {
        SearchResponse<JsonNode> response = client.search(
                s -> s.index(PREFIX + pattern)
                        .size(1)
                        .query(q -> q.bool(b -> b.filter(
                                        f -> f.term(t -> t.field(field).value(value)))
                                .filter(f -> f.term(t -> t.field("@timestamp").value(epochMillis))))),
                JsonNode.class);
        assertThat(response.hits().hits()).isNotEmpty();
        return response.hits().hits().get(0).source();
    }
}
