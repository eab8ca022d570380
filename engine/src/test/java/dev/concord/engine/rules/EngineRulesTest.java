package dev.concord.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.concord.engine.correlate.TransactionSpec;
import dev.concord.engine.slo.BurnWindow;
import dev.concord.engine.slo.SloSpec;
import dev.concord.rules.CheckResult;
import dev.concord.rules.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineRulesTest {

    private static final Path SHIPPED = Path.of("..", "slo-rules", "rules");

    private static EngineRules shipped() {
        CheckResult result = Rules.check(List.of(SHIPPED));
        assertThat(result.valid()).as(result.problems().toString()).isTrue();
        return EngineRules.from(result.rules());
    }

    @Test
    void turnsEveryShippedTransactionIntoACorrelatorSpec() {
        assertThat(shipped().transactions())
                .extracting(TransactionSpec::name)
                .containsExactlyInAnyOrder(
                        "order-to-fulfillment",
                        "procurement-to-receiving",
                        "production-planning-to-execution",
                        "inventory-to-financial-posting");
        TransactionSpec orders = shipped().transactions().stream()
                .filter(t -> t.name().equals("order-to-fulfillment"))
                .findFirst()
                .orElseThrow();
        assertThat(orders.completesAt()).isEqualTo("erp-posting");
        assertThat(orders.maxDuration()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void resolvesTheGoogleTableToThePublishedFactors() {
        SloSpec availability = slo("order-to-fulfillment-availability");

        assertThat(availability.objective()).isCloseTo(0.999, within(1e-12));
        assertThat(availability.periodMinutes()).isEqualTo(30 * 24 * 60);
        assertThat(availability.windows())
                .extracting(BurnWindow::severity, BurnWindow::longWindowMinutes, BurnWindow::shortWindowMinutes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("page", 60, 5),
                        org.assertj.core.groups.Tuple.tuple("page", 360, 30),
                        org.assertj.core.groups.Tuple.tuple("ticket", 1440, 120),
                        org.assertj.core.groups.Tuple.tuple("ticket", 4320, 360));
        assertThat(availability.windows()).extracting(BurnWindow::factor).containsExactly(14.4, 6.0, 3.0, 1.0);
        assertThat(availability.minEvents()).isEqualTo(50);
        assertThat(availability.byCloud()).isTrue();
        assertThat(availability.labels()).containsEntry("team", "fulfillment");
    }

    @Test
    void carriesLatencyThresholdsAndCalendarMonths() {
        List<SloSpec> latency = shipped().slos().stream()
                .filter(s -> s.latencyThresholdMillis() > 0)
                .toList();
        assertThat(latency).isNotEmpty();
        assertThat(shipped().slos())
                .anyMatch(s -> !s.calendarTimeZone().isEmpty() && s.periodMinutes() == SloSpec.CALENDAR_MONTH_MINUTES);
    }

    @Test
    void evaluatesEveryShippedSlo() {
        EngineRules rules = shipped();

        assertThat(rules.skipped()).isEmpty();
        assertThat(rules.slos()).hasSize(8);
    }

    @Test
    void listsEverySloItCannotEvaluateWithTheReason(@TempDir Path dir) throws IOException {
        Path extra = dir.resolve("unevaluated.yaml");
        Files.writeString(
                extra,
                sloYaml("order-flow-probes", "probes: {probe: order-flow}", "occurrences")
                        + "---\n"
                        + sloYaml(
                                "order-to-fulfillment-mean-ratio",
                                "availability: {}",
                                "{ratioTimeslices: {slice: 1m}}"));
        CheckResult result = Rules.check(List.of(SHIPPED, extra));
        assertThat(result.valid()).as(result.problems().toString()).isTrue();

        EngineRules rules = EngineRules.from(result.rules());

        assertThat(rules.skipped())
                .containsExactlyInAnyOrder(
                        "order-flow-probes: probe indicators are not evaluated from transactions",
                        "order-to-fulfillment-mean-ratio: ratio-timeslices budgeting is not evaluated");
        assertThat(rules.slos()).hasSize(8);
    }

    private static String sloYaml(String name, String indicator, String budgeting) {
        return """
                apiVersion: concord.dev/v1
                kind: SLO
                metadata:
                  name: %s
                spec:
                  transaction: order-to-fulfillment
                  indicator:
                    %s
                  objective: 99.9
                  window: {rolling: 30d}
                  budgeting: %s
                """.formatted(name, indicator, budgeting);
    }

    private static SloSpec slo(String name) {
        return shipped().slos().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void carriesTimesliceBudgeting() {
        assertThat(shipped().slos()).anySatisfy(s -> {
            assertThat(s.sliceMinutes()).isEqualTo(1);
            assertThat(s.sliceTarget()).isEqualTo(0.95);
        });
    }
}
