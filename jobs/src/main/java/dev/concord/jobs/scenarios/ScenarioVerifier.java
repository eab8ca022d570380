package dev.concord.jobs.scenarios;

import dev.concord.ingest.model.Span;
import dev.concord.jobs.Engine;
import dev.concord.jobs.correlate.TransactionOutcome;
import dev.concord.jobs.rules.EngineRules;
import dev.concord.jobs.sinks.JsonLines;
import dev.concord.jobs.sinks.JsonLinesSink;
import dev.concord.jobs.slo.SloAlert;
import dev.concord.jobs.slo.SloPipelineJob;
import dev.concord.jobs.slo.SloSnapshot;
import dev.concord.jobs.sources.SimulatedSpans;
import dev.concord.simulator.Simulator;
import dev.concord.simulator.scenario.AlertExpectation;
import dev.concord.simulator.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a scenario through the embedded engine with the given rules and checks its expectations: the simulator
 * delivers in process, through Concord's own decoder, and {@link SloPipelineJob} evaluates until the end of the
 * simulated run.
 */
public final class ScenarioVerifier {

    public static final int DEFAULT_PARALLELISM = 1;

    private final EngineRules rules;
    private final DecisionChecker decisions;
    private final int parallelism;
    private final Path workDirectory;

    /** @param workDirectory where each run's sinks write; emptied per scenario */
    public ScenarioVerifier(EngineRules rules, DecisionChecker decisions, int parallelism, Path workDirectory) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        this.parallelism = parallelism;
        this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
    }

    public Verdict verify(Scenario scenario) throws Exception {
        long started = System.nanoTime();
        ScenarioRun run = run(scenario);
        List<Check> checks = new ArrayList<>();
        for (AlertExpectation expected : scenario.alerts()) {
            checks.add(AlertChecks.check(scenario, expected, run.alerts()));
        }
        scenario.decision().ifPresent(expected -> checks.add(decisions.check(scenario, expected, run)));
        return new Verdict(scenario.name(), checks, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Simulates the scenario and runs the SLO pipeline over its spans. */
    public ScenarioRun run(Scenario scenario) throws Exception {
        List<Span> spans = new Simulator(scenario.plan()).runInProcess().spans();
        Path dir = workDirectory.resolve(scenario.name());
        deleteRecursively(dir);
        StreamExecutionEnvironment env = Engine.embedded(parallelism);
        new SloPipelineJob(
                        SimulatedSpans.of(spans, env.getConfig()),
                        rules.transactions(),
                        rules.slos(),
                        scenario.plan().end().toEpochMilli(),
                        new SloPipelineJob.Sinks(
                                new JsonLinesSink<TransactionOutcome>(dir.resolve("transactions")),
                                new JsonLinesSink<SloSnapshot>(dir.resolve("slo")),
                                new JsonLinesSink<SloAlert>(dir.resolve("alerts")),
                                new JsonLinesSink<Span>(dir.resolve("late"))))
                .execute(env);
        ScenarioRun run = new ScenarioRun(
                JsonLines.read(dir.resolve("transactions"), TransactionOutcome.class),
                JsonLines.read(dir.resolve("alerts"), SloAlert.class),
                spans.size(),
                JsonLines.read(dir.resolve("late"), Span.class).size());
        deleteRecursively(dir);
        return run;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
