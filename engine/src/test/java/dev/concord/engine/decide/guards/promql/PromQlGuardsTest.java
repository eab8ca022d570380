package dev.concord.engine.decide.guards.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concord.engine.decide.DecisionRules;
import dev.concord.engine.decide.PolicySpec;
import dev.concord.ingest.model.MetricSample;
import dev.concord.rules.Rules;
import dev.concord.rules.model.RuleSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromQlGuardsTest {

    private static final RuleSet SHIPPED =
            Rules.check(List.of(Path.of("..", "slo-rules", "rules"))).rules();

    @Test
    void pollsThePromQlGuardsThePoliciesUseWithTheirIntervals() {
        assertThat(PromQlGuards.from(SHIPPED))
                .containsExactly(new PromQlGuard(
                        "event-backlog-age",
                        "http://127.0.0.1:9090",
                        "max(kafka_consumergroup_lag_seconds{group=\"erp-integration\"})",
                        30_000));
    }

    @Test
    void theEngineReadsAPromQlGuardUnderTheNameItsReadingsCarry() {
        PolicySpec integration = DecisionRules.from(SHIPPED).stream()
                .filter(p ->
                        p.signals().guards().stream().anyMatch(g -> g.name().equals("event-backlog-age")))
                .findFirst()
                .orElseThrow();

        assertThat(integration.signals().guards())
                .filteredOn(g -> g.name().equals("event-backlog-age"))
                .singleElement()
                .satisfies(g -> assertThat(g.metric()).isEqualTo(PromQlGuards.sampleName("event-backlog-age")));
    }

    @Test
    void takesCloudRegionAndTenantFromTheOpenTelemetryLabelsFirst() {
        MetricSample sample = PromQlGuards.sample(new GuardReading(
                "lag",
                12.5,
                1_000,
                Map.of(
                        "cloud_provider", "gcp",
                        "cloud", "aws",
                        "region", "us-central1",
                        "tenant", "acme",
                        "job", "pg-exporter")));

        assertThat(sample.resource().cloudProvider()).isEqualTo("gcp");
        assertThat(sample.resource().cloudRegion()).isEqualTo("us-central1");
        assertThat(sample.resource().tenantId()).isEqualTo("acme");
        assertThat(sample.resource().serviceName()).isEqualTo("pg-exporter");
        assertThat(sample.timeUnixNano()).isEqualTo(1_000_000_000L);
        assertThat(sample.attributes()).containsEntry("cloud", "aws");
    }

    @Test
    void parsesVectorsScalarsAndInfinitiesAndRefusesOtherAnswers() throws Exception {
        assertThat(PrometheusQueryClient.parse(
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"a\":\"b\"},"
                                + "\"value\":[1767607500.5,\"+Inf\"]}]}}"))
                .containsExactly(new PrometheusQueryClient.Series(Map.of("a", "b"), Double.POSITIVE_INFINITY));
        assertThat(PrometheusQueryClient.parse(
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1767607500,\"3\"]}}"))
                .containsExactly(new PrometheusQueryClient.Series(Map.of(), 3.0));
        assertThatThrownBy(() -> PrometheusQueryClient.parse(
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"))
                .hasMessageContaining("a guard needs a vector or scalar, the query gave matrix");
        assertThatThrownBy(() -> PrometheusQueryClient.parse("<html>proxy error</html>"))
                .hasMessageStartingWith("not a Prometheus answer");
    }
}
