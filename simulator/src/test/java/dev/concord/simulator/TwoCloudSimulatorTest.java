package dev.concord.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ingest.model.Span;
import dev.concord.ingest.model.StatusCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TwoCloudSimulatorTest {

    private static final List<Span> DEMO = new TwoCloudSimulator(SimulationSettings.demo(7)).run();

    @Test
    void runsTheConfiguredNumberOfTransactionsInEachCloudEveryMinute() {
        Map<String, Long> rootsPerCloud = DEMO.stream()
                .filter(Span::root)
                .collect(Collectors.groupingBy(s -> s.resource().cloudProvider(), Collectors.counting()));

        assertThat(rootsPerCloud).containsOnly(Map.entry("aws", 30L * 30), Map.entry("gcp", 30L * 30));
    }

    @Test
    void failsEveryPrimaryTransactionDuringTheWarehouseOutageAndNoSecondaryOne() {
        Instant outageStart = SimulationSettings.DEFAULT_START.plus(Duration.ofMinutes(10));
        Instant outageEnd = SimulationSettings.DEFAULT_START.plus(Duration.ofMinutes(20));

        List<Span> rootsDuringOutage = DEMO.stream()
                .filter(Span::root)
                .filter(s -> !startOf(s).isBefore(outageStart.plusSeconds(1))
                        && startOf(s).isBefore(outageEnd))
                .toList();

        assertThat(rootsDuringOutage)
                .filteredOn(s -> s.resource().cloudProvider().equals("aws"))
                .isNotEmpty()
                .allMatch(Span::failed);
        assertThat(rootsDuringOutage)
                .filteredOn(s -> s.resource().cloudProvider().equals("gcp"))
                .isNotEmpty()
                .noneMatch(
                        s -> s.status() == StatusCode.ERROR && s.statusMessage().equals("stock reservation failed"));
    }

    @Test
    void recordsTheFailingStageOnTheWarehouseSpanWithTheResourceOfItsCloud() {
        Span failedReservation = DEMO.stream()
                .filter(s -> s.resource().serviceName().equals("warehouse-api") && s.failed())
                .findFirst()
                .orElseThrow();

        assertThat(failedReservation.businessTransaction()).isEqualTo("order-to-fulfillment");
        assertThat(failedReservation.businessTransactionStage()).isEqualTo("warehouse-reservation");
        assertThat(failedReservation.businessTransactionId()).startsWith("o2f-aws-");
        assertThat(failedReservation.resource().cloudRegion()).isEqualTo("us-east-1");
        assertThat(failedReservation.parentSpanId()).isNotEmpty();
        assertThat(failedReservation.attributes()).containsEntry("http.response.status_code", "503");
    }

    @Test
    void keepsSpansOfOneTransactionInOneTrace() {
        Map<String, Long> tracesPerTransaction = DEMO.stream()
                .collect(Collectors.groupingBy(
                        Span::businessTransactionId,
                        Collectors.mapping(Span::traceId, Collectors.collectingAndThen(Collectors.toSet(), s ->
                                (long) s.size()))));

        assertThat(tracesPerTransaction.values()).containsOnly(1L);
    }

    @Test
    void givesTheSameSpansForTheSameSeed() {
        assertThat(new TwoCloudSimulator(SimulationSettings.demo(7)).run()).isEqualTo(DEMO);
    }

    @Test
    void givesDifferentSpansForAnotherSeed() {
        assertThat(new TwoCloudSimulator(SimulationSettings.demo(8)).run()).isNotEqualTo(DEMO);
    }

    private static Instant startOf(Span span) {
        return Instant.ofEpochSecond(0, span.startTimeUnixNano());
    }
}
