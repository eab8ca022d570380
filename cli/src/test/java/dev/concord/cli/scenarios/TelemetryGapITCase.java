package dev.concord.cli.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.correlate.Outcome;
import dev.concord.engine.correlate.TransactionOutcome;
import dev.concord.engine.rules.EngineRules;
import dev.concord.engine.slo.SloAlert;
import dev.concord.rules.CheckResult;
import dev.concord.rules.Rules;
import dev.concord.simulator.scenario.Scenario;
import dev.concord.simulator.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A collector down is not an outage: the shipped scenario through the shipped rules at two parallelisms. */
class TelemetryGapITCase {

    private static final Path SCENARIO = Path.of("..", "simulator", "scenarios", "collector-down.yaml");
    private static final Path RULES = Path.of("..", "slo-rules", "rules");

    @TempDir
    static Path work;

    private static Scenario scenario;
    private static EngineRules rules;

    @BeforeAll
    static void load() {
        scenario = ScenarioLoader.load(SCENARIO);
        CheckResult checked = Rules.check(List.of(RULES));
        assertThat(checked.valid()).isTrue();
        rules = EngineRules.from(checked.rules());
    }

    @Test
    void transactionsCaughtInTheSilenceAreTelemetryGapsNotFailuresAtAnyParallelism() throws Exception {
        ScenarioRun one = new ScenarioVerifier(rules, 1, work.resolve("p1"), false).run(scenario);
        ScenarioRun two = new ScenarioVerifier(rules, 2, work.resolve("p2"), false).run(scenario);

        Instant silenceStarts = scenario.plan().start().plus(Duration.ofMinutes(45));
        Instant end = scenario.plan().end();
        List<TransactionOutcome> gaps = one.outcomes().stream()
                .filter(o -> o.outcome() == Outcome.TELEMETRY_GAP)
                .filter(o -> o.endEpochMillis() < end.toEpochMilli())
                .toList();
        assertThat(gaps).isNotEmpty();
        assertThat(gaps)
                .allSatisfy(o ->
                        assertThat(o.stages()).anyMatch(s -> s.cloudProvider().equals("gcp")))
                .allSatisfy(o -> assertThat(o.endEpochMillis()).isGreaterThan(silenceStarts.toEpochMilli()));
        assertThat(one.outcomes())
                .as("nothing failed in the run")
                .noneMatch(o -> o.outcome() == Outcome.TIMED_OUT || o.outcome() == Outcome.FAILED);
        assertThat(one.alerts()).noneMatch(a -> a.firing() && a.severity().equals("page"));
        assertThat(sortedOutcomes(two)).isEqualTo(sortedOutcomes(one));
        assertThat(sortedAlerts(two)).isEqualTo(sortedAlerts(one));
    }

    private static List<TransactionOutcome> sortedOutcomes(ScenarioRun run) {
        return run.outcomes().stream()
                .sorted(Comparator.comparing(TransactionOutcome::transaction)
                        .thenComparing(TransactionOutcome::transactionId))
                .toList();
    }

    private static List<SloAlert> sortedAlerts(ScenarioRun run) {
        return run.alerts().stream()
                .sorted(Comparator.comparingLong(SloAlert::eventTimeMillis)
                        .thenComparing(SloAlert::slo)
                        .thenComparing(SloAlert::cloudProvider)
                        .thenComparing(SloAlert::tenant)
                        .thenComparingInt(SloAlert::longWindowMinutes)
                        .thenComparing(SloAlert::firing))
                .toList();
    }
}
