package dev.concord.cli.scenarios;

import dev.concord.engine.correlate.TransactionOutcome;
import dev.concord.engine.decide.ControlChannel;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.OperatorConfirmation;
import dev.concord.engine.rules.EngineRules;
import dev.concord.engine.sinks.Directories;
import dev.concord.engine.sinks.JsonLines;
import dev.concord.engine.slo.SloAlert;
import dev.concord.jobs.replay.RecordedTelemetry;
import dev.concord.jobs.replay.Replay;
import dev.concord.simulator.Simulator;
import dev.concord.simulator.emit.CanonicalRecords;
import dev.concord.simulator.scenario.AlertExpectation;
import dev.concord.simulator.scenario.DecisionExpectation;
import dev.concord.simulator.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a scenario through the embedded engine with the given rules and checks its expectations. The simulator
 * delivers in process, through Concord's own decoder and in delivery order, and the replay pipeline ({@link Replay}:
 * SLO evaluation and the decision engine) runs until the end of the simulated run. A scenario whose operator
 * confirms a decision runs twice: once to see the decision pending, once with the confirmation written to a control
 * directory, as {@code concord confirm} writes it.
 */
public final class ScenarioVerifier {

    public static final int DEFAULT_PARALLELISM = 1;

    private final EngineRules rules;
    private final int parallelism;
    private final Path workDirectory;
    private final boolean keepOutputs;

    /**
     * @param workDirectory where each scenario's outputs go, in a directory named after it, emptied first
     * @param keepOutputs true to leave each scenario's replay files ({@code decisions.jsonl} …) there, false to remove
     *     them once read
     */
    public ScenarioVerifier(EngineRules rules, int parallelism, Path workDirectory, boolean keepOutputs) {
        this.rules = Objects.requireNonNull(rules, "rules");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        this.parallelism = parallelism;
        this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
        this.keepOutputs = keepOutputs;
    }

    public Verdict verify(Scenario scenario) throws Exception {
        long started = System.nanoTime();
        return check(scenario, run(scenario), Duration.ofNanos(System.nanoTime() - started));
    }

    /** Every expectation of the scenario against a run of it. */
    public static Verdict check(Scenario scenario, ScenarioRun run, Duration wallTime) {
        List<Check> checks = new ArrayList<>();
        for (AlertExpectation expected : scenario.alerts()) {
            checks.add(AlertChecks.check(scenario, expected, run.alerts()));
        }
        for (DecisionExpectation expected : scenario.decisions()) {
            checks.add(DecisionChecker.check(scenario, expected, run.decisions()));
        }
        return new Verdict(scenario.name(), checks, wallTime);
    }

    /** Simulates the scenario and runs the replay pipeline over its telemetry, with its scripted confirmations. */
    public ScenarioRun run(Scenario scenario) throws Exception {
        CanonicalRecords records = new Simulator(scenario.plan()).runInProcess();
        RecordedTelemetry telemetry =
                new RecordedTelemetry(records.spans(), records.probes(), records.logs(), records.metrics(), List.of());
        Path dir = workDirectory.resolve(scenario.name());
        Directories.deleteRecursively(dir);
        ScenarioRun run = replay(scenario, telemetry, dir, null);
        List<OperatorConfirmation> confirmations = ScriptedConfirmations.of(scenario, run.decisions());
        if (!confirmations.isEmpty()) {
            Path control = dir.resolve("concord-control");
            for (OperatorConfirmation confirmation : confirmations) {
                ControlChannel.write(control, confirmation);
            }
            run = replay(scenario, telemetry, dir, control);
        }
        if (!keepOutputs) {
            Directories.deleteRecursively(dir);
        }
        return run;
    }

    private ScenarioRun replay(Scenario scenario, RecordedTelemetry telemetry, Path out, Path confirmations)
            throws Exception {
        Replay.Summary summary = Replay.run(
                telemetry,
                rules,
                out,
                Replay.options()
                        .to(scenario.plan().end())
                        .parallelism(parallelism)
                        .confirmations(confirmations));
        return new ScenarioRun(
                JsonLines.readFile(out.resolve(Replay.TRANSACTIONS), TransactionOutcome.class),
                JsonLines.readFile(out.resolve(Replay.ALERTS), SloAlert.class),
                JsonLines.readFile(out.resolve(Replay.DECISIONS), DecisionRecord.class),
                summary.spansReplayed(),
                summary.lateSpans());
    }
}
