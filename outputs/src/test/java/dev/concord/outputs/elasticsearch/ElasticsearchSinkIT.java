package dev.concord.outputs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.engine.Engine;
import dev.concord.engine.decide.Action;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.DecisionState;
import dev.concord.engine.decide.signal.Evidence;
import dev.concord.engine.sinks.JsonLinesSink;
import dev.concord.engine.slo.SloPipelineJob;
import dev.concord.engine.sources.InMemorySources;
import dev.concord.engine.testing.OutputFixtures;
import dev.concord.ingest.model.Span;
import dev.concord.services.CommandLineTools;
import dev.concord.services.RequiresServices;
import dev.concord.services.Service;
import dev.concord.services.ServiceEndpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
    void aDecisionRecordIndexedTwiceIsOneDocumentThatTheTimelinePanelQueryFinds() throws Exception {
        IndexTemplates.install(client, PREFIX);
        DecisionRecord decision = new DecisionRecord(
                "web-api/aws.us-east-1/20260105T091200Z",
                "web-api",
                "web-api",
                Action.SHIFT_TRAFFIC,
                DecisionState.RECOMMENDED,
                new DecisionRecord.DecisionScope("aws", "us-east-1", null),
                "aws",
                "gcp",
                new DecisionRecord.Weights(0, 100),
                "2026-01-05T09:12:00Z",
                new DecisionRecord.QuorumCount(2, 2, List.of("probes", "health")),
                List.of(
                        new DecisionRecord.Signal(
                                "probes",
                                "FAILING",
                                new Evidence("failing_vantage_points", 3.0, 2.0, "1m", 0.001, 18L, 3)),
                        new DecisionRecord.Signal(
                                "health", "FAILING", new Evidence("failing_checks", 1.0, 0.0, "1m", null, 12L, null))),
                List.of(),
                null);
        IndexedDocument doc = Documents.decisionRecords().toDocument(decision, PREFIX);
        for (int i = 0; i < 2; i++) {
            client.index(r -> r.index(doc.index()).id(doc.id()).document(doc.source()));
        }
        client.indices().refresh(r -> r.index(doc.index()));

        JsonNode panel = new ObjectMapper()
                .readTree(CommandLineTools.repoRoot()
                        .resolve("deploy/grafana/dashboards/concord-failover-decisions.json")
                        .toFile())
                .get("panels");
        JsonNode timeline = null;
        for (JsonNode p : panel) {
            if (p.get("title").asText().startsWith("Decision timeline")) {
                timeline = p.at("/targets/0");
            }
        }
        assertThat(timeline).isNotNull();
        assertThat(timeline.at("/datasource/uid").asText()).isEqualTo("concord-es-decisions");
        String lucene = timeline.get("query").asText().replaceAll("\\$\\{\\w+:lucene}", "*");
        SearchResponse<JsonNode> hits = client.search(
                s -> s.index(doc.index()).query(q -> q.queryString(qs -> qs.query(lucene))), JsonNode.class);

        assertThat(hits.hits().hits()).hasSize(1);
        JsonNode source = hits.hits().hits().get(0).source();
        assertThat(source.at("/signals/0/measure").asText()).isEqualTo("failing_vantage_points");
        assertThat(source.at("/scope/label").asText()).isEqualTo("aws/us-east-1");
        assertThat(source.at("/evidence").asText()).contains("probes FAILING: failing_vantage_points 3");
    }

    private void run(Path dir) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        new SloPipelineJob(
                        InMemorySources.of(spans, env.getConfig()),
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
