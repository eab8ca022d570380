package dev.concord.engine.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.decide.signal.Observation;
import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.MetricKind;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.ResourceIdentity;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.model.SpanKind;
import dev.concord.ingest.model.StatusCode;
import dev.concord.rules.model.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class ObserveTest {

    private static final List<PolicySpec> POLICIES = DecisionScenario.SHIPPED;
    private static final ResourceIdentity AWS =
            new ResourceIdentity("warehouse-api", "1.9", "aws", "us-east-1", "prod", "acme");
    private static final long T = 1_767_600_000_000L;

    private static <T> List<Observation> observe(Observe<T> observe, T item) {
        List<Observation> out = new ArrayList<>();
        observe.flatMap(item, new Collector<>() {
            @Override
            public void collect(Observation record) {
                out.add(record);
            }

            @Override
            public void close() {}
        });
        return out;
    }

    @Test
    void aLogLineMatchingASignatureIsBadAndEveryOtherLineCountsAsTelemetry() {
        LogRecord matching = new LogRecord(
                AWS, T * 1_000_000, 0, 17, "ERROR", "ERP connector sap-01 authentication failed", "", "", Map.of());
        LogRecord other = new LogRecord(AWS, T * 1_000_000, 0, 9, "INFO", "reserved stock", "", "", Map.of());

        // every policy with log signatures hears the line; only web-api's pattern matches it
        assertThat(observe(Observe.logs(POLICIES), matching))
                .extracting(Observation::policy)
                .containsExactlyInAnyOrder("web-api", "integration");
        assertThat(observe(Observe.logs(POLICIES), matching))
                .filteredOn(Observation::bad)
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.policy()).isEqualTo("web-api");
                    assertThat(o.family()).isEqualTo(Signals.LOG_SIGNATURES);
                    assertThat(o.bad()).isTrue();
                    assertThat(o.tenant()).isEqualTo("acme");
                });
        assertThat(observe(Observe.logs(POLICIES), other)).hasSize(2).noneMatch(Observation::bad);
    }

    @Test
    void aGuardSampleMustCarryTheGuardsAttributes() {
        MetricSample erp = new MetricSample(
                AWS, "db.replication.lag", "s", MetricKind.GAUGE, T * 1_000_000, 720, Map.of("db.cluster", "erp"));
        MetricSample other = new MetricSample(
                AWS, "db.replication.lag", "s", MetricKind.GAUGE, T * 1_000_000, 720, Map.of("db.cluster", "crm"));

        assertThat(observe(Observe.metrics(POLICIES), erp)).singleElement().satisfies(o -> {
            assertThat(o.policy()).isEqualTo("erp-database");
            assertThat(o.subject()).isEqualTo("erp-db-replication-lag");
            assertThat(o.value()).isEqualTo(720.0);
        });
        assertThat(observe(Observe.metrics(POLICIES), other)).isEmpty();
    }

    @Test
    void aClientSpanToANamedDependencyIsADependencyCallWithItsLatency() {
        Span call = new Span(
                AWS,
                "a".repeat(32),
                "b".repeat(16),
                "c".repeat(16),
                "authorize",
                SpanKind.CLIENT,
                T * 1_000_000,
                (T + 250) * 1_000_000,
                StatusCode.ERROR,
                "",
                "",
                "",
                "",
                Map.of("peer.service", "identity-provider"),
                2.0);

        assertThat(observe(Observe.spans(POLICIES), call))
                .filteredOn(o -> o.family().equals(Signals.DEPENDENCY))
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.policy()).isEqualTo("web-api");
                    assertThat(o.bad()).isTrue();
                    assertThat(o.value()).isEqualTo(250.0);
                    assertThat(o.weight()).isEqualTo(2.0);
                });
    }

    @Test
    void aProbeIsAttributedToItsTargetAndRemembersTheVantagePointsNetwork() {
        ProbeResult run = new ProbeResult(
                new ResourceIdentity("prober", "1", "azure", "", "", ""),
                T * 1_000_000,
                "order-flow",
                "vp-frankfurt",
                "aws",
                "us-east-1",
                "",
                false,
                5_000_000_000L,
                "reserve-stock");

        assertThat(observe(Observe.probes(POLICIES), run)).singleElement().satisfies(o -> {
            assertThat(o.cloud()).isEqualTo("aws");
            assertThat(o.subject()).isEqualTo("vp-frankfurt");
            assertThat(o.origin()).isEqualTo("azure");
            assertThat(o.tenant()).isEqualTo(Observation.ANY);
        });
    }
}
