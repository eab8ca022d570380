package dev.concord.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.Span;
import dev.concord.simulator.emit.CanonicalRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    private static final Duration ONSET = Duration.ofMinutes(10);
    private static final Duration RECOVERY = Duration.ofMinutes(20);

    private static final SimulationPlan PLAN = SimulationPlan.builder()
            .seed(3)
            .duration(Duration.ofMinutes(30))
            .fault(new Fault(
                    "warehouse down in aws",
                    FaultTarget.service(Services.WAREHOUSE_API, "aws"),
                    FaultShape.HARD_DOWN,
                    ONSET,
                    RECOVERY,
                    Fault.Parameters.NONE))
            .fault(new Fault(
                    "identity provider down in gcp",
                    FaultTarget.service(Services.IDENTITY_PROVIDER, "gcp"),
                    FaultShape.HARD_DOWN,
                    ONSET,
                    RECOVERY,
                    Fault.Parameters.NONE))
            .build();

    private static final CanonicalRecords RECORDS = new Simulator(PLAN).runInProcess();

    /** The stages of each transaction, as slo-rules/rules/transactions names them. */
    private static final Map<String, Set<String>> RULE_STAGES = Map.of(
            "order-to-fulfillment", Set.of("order-capture", "inventory-reserve", "pick", "ship", "erp-posting"),
            "procurement-to-receiving",
                    Set.of(
                            "requisition",
                            "purchase-order",
                            "supplier-confirmation",
                            "shipping-notice",
                            "goods-receipt"),
            "production-planning-to-execution",
                    Set.of("plan-release", "material-check", "work-order-dispatch", "shop-floor-start"),
            "inventory-to-financial-posting", Set.of("inventory-movement", "valuation", "ledger-posting"));

    @Test
    void runsAllFourTransactionsForEveryTenantInBothClouds() {
        List<Span> stages =
                RECORDS.spans().stream().filter(Span::inBusinessTransaction).toList();

        assertThat(stages.stream().map(Span::businessTransaction).collect(Collectors.toSet()))
                .isEqualTo(RULE_STAGES.keySet());
        assertThat(stages)
                .allSatisfy(span -> assertThat(RULE_STAGES.get(span.businessTransaction()))
                        .contains(span.businessTransactionStage()));
        assertThat(stages.stream().map(s -> s.resource().tenantId()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("acme", "globex", "initech");
        assertThat(stages.stream()
                        .map(s -> s.resource().cloudProvider() + " "
                                + s.resource().cloudRegion()))
                .containsOnly("aws us-east-1", "gcp us-central1");
    }

    @Test
    void postsOrdersToTheErpInASecondTraceWithTheSameTransactionId() {
        Map<String, Set<String>> tracesPerOrder = RECORDS.spans().stream()
                .filter(s -> "order-to-fulfillment".equals(s.businessTransaction()))
                .collect(Collectors.groupingBy(
                        Span::businessTransactionId, Collectors.mapping(Span::traceId, Collectors.toSet())));

        assertThat(tracesPerOrder.values())
                .anySatisfy(traces -> assertThat(traces).hasSize(2));
        assertThat(RECORDS.spans())
                .filteredOn(s -> "erp-posting".equals(s.businessTransactionStage()))
                .allSatisfy(s -> assertThat(s.root()).isTrue());
    }

    @Test
    void failsThePrimarysReservationsOnlyWhileTheWarehouseIsDown() {
        List<Span> failedReservations = RECORDS.spans().stream()
                .filter(s -> "inventory-reserve".equals(s.businessTransactionStage()) && s.failed())
                .toList();

        assertThat(failedReservations).isNotEmpty().allSatisfy(span -> {
            assertThat(span.resource().cloudProvider()).isEqualTo("aws");
            assertThat(startOf(span))
                    .isBetween(PLAN.start().plus(ONSET), PLAN.start().plus(RECOVERY));
        });
    }

    @Test
    void aBadReleaseAnswers500AndLogsItsOwnErrorsAsTheNewVersionWhereADownServiceIs503Unavailable() {
        Duration releaseStart = Duration.ofMinutes(5);
        CanonicalRecords release = new Simulator(SimulationPlan.builder()
                        .seed(5)
                        .duration(Duration.ofMinutes(15))
                        .fault(new Fault(
                                "release 2.5.0",
                                new FaultTarget(
                                        FaultTarget.Kind.SERVICE, Services.WAREHOUSE_API, "aws", "", "", "2.5.0"),
                                FaultShape.ERROR_RATE,
                                releaseStart,
                                Duration.ofMinutes(15),
                                new Fault.Parameters(
                                        0.3, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0, 0)))
                        .build())
                .runInProcess();

        List<Span> failed = release.spans().stream()
                .filter(s -> s.resource().serviceName().equals(Services.WAREHOUSE_API) && s.failed())
                .toList();
        assertThat(failed).isNotEmpty().allSatisfy(span -> {
            assertThat(span.attributes()).containsEntry("http.response.status_code", "500");
            assertThat(span.resource().serviceVersion()).isEqualTo("2.5.0");
            assertThat(span.resource().cloudProvider()).isEqualTo("aws");
        });
        List<LogRecord> errors = release.logs().stream()
                .filter(log -> log.resource().serviceName().equals(Services.WAREHOUSE_API))
                .toList();
        assertThat(errors).hasSize(failed.size()).allSatisfy(log -> {
            assertThat(log.body()).endsWith(": internal server error");
            assertThat(log.resource().serviceVersion()).isEqualTo("2.5.0");
            assertThat(log.traceId()).hasSize(32);
        });

        List<LogRecord> down = RECORDS.logs().stream()
                .filter(log -> log.resource().serviceName().equals(Services.WAREHOUSE_API))
                .toList();
        assertThat(down).isNotEmpty().allSatisfy(log -> assertThat(log.body()).endsWith(": warehouse-api unavailable"));
        assertThat(RECORDS.spans())
                .filteredOn(s -> s.resource().serviceName().equals(Services.WAREHOUSE_API) && s.failed())
                .isNotEmpty()
                .allSatisfy(span -> assertThat(span.attributes()).containsEntry("http.response.status_code", "503"));
    }

    @Test
    void logsTheErpConnectorsAuthenticationFailuresWithTheirTraces() {
        List<LogRecord> authFailures = RECORDS.logs().stream()
                .filter(log -> log.body().equals("ERP connector: authentication failed"))
                .toList();

        assertThat(authFailures).isNotEmpty().allSatisfy(log -> {
            assertThat(log.resource().cloudProvider()).isEqualTo("gcp");
            assertThat(log.resource().serviceName()).isEqualTo("erp-connector");
            assertThat(log.traceId()).hasSize(32);
        });
        Set<String> failedTraces = RECORDS.spans().stream()
                .filter(s ->
                        Set.of("erp-posting", "ledger-posting").contains(s.businessTransactionStage()) && s.failed())
                .map(Span::traceId)
                .collect(Collectors.toSet());
        assertThat(authFailures).extracting(LogRecord::traceId).allMatch(failedTraces::contains);
    }

    @Test
    void callsTheDependenciesThroughClientSpans() {
        assertThat(RECORDS.spans())
                .filteredOn(s -> s.kind() == dev.concord.ingest.model.SpanKind.CLIENT)
                .extracting(s -> s.attributes().get("peer.service"))
                .contains("identity-provider", "erp-db");
        assertThat(RECORDS.spans())
                .filteredOn(s -> s.kind() == dev.concord.ingest.model.SpanKind.PRODUCER)
                .extracting(s -> s.attributes().get("peer.service"))
                .containsOnly("message-broker");
    }

    @Test
    void probesEachCloudFromFourVantagePointsInTwoClouds() {
        assertThat(RECORDS.probes().stream().map(p -> p.vantagePoint()).collect(Collectors.toSet()))
                .hasSize(4);
        assertThat(RECORDS.probes().stream()
                        .map(p -> p.resource().cloudProvider())
                        .collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("aws", "gcp");
        assertThat(RECORDS.probes())
                .filteredOn(p -> !p.success())
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.failedStep()).isIn("reserve-stock", "login"));
    }

    @Test
    void reportsGuardMetricsSeveralTimesAMinute() {
        Map<String, Long> perMetric =
                RECORDS.metrics().stream().collect(Collectors.groupingBy(m -> m.name(), Collectors.counting()));
        long reports = 30L * GuardMetrics.REPORTS_PER_MINUTE;

        assertThat(perMetric).containsEntry("db.replication.lag", reports);
        assertThat(perMetric).containsEntry("messaging.queue.lag", 2L * 2 * reports);
        assertThat(perMetric).containsEntry("health.check.status", 2L * 5 * reports);
        assertThat(RECORDS.metrics())
                .filteredOn(m -> m.name().equals("health.check.status")
                        && m.attributes().get("health.check.name").equals("warehouse-api-health")
                        && m.value() == 0)
                .hasSize(10 * GuardMetrics.REPORTS_PER_MINUTE)
                .allSatisfy(m -> assertThat(m.resource().cloudProvider()).isEqualTo("aws"));
    }

    private static Instant startOf(Span span) {
        return Instant.ofEpochSecond(0, span.startTimeUnixNano());
    }
}
