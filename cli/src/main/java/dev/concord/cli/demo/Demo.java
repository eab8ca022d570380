package dev.concord.cli.demo;

import dev.concord.cli.Conventions;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.rules.EngineRules;
import dev.concord.engine.slo.SloAlert;
import dev.concord.engine.slo.SloSnapshot;
import dev.concord.jobs.replay.RecordedTelemetry;
import dev.concord.jobs.replay.Replay;
import dev.concord.outputs.ExternalOutputs;
import dev.concord.simulator.Fault;
import dev.concord.simulator.SimulationPlan;
import dev.concord.simulator.Simulator;
import dev.concord.simulator.emit.CanonicalRecords;
import dev.concord.simulator.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code concord demo}: a scenario of the library simulated in process and fed to the whole pipeline (correlation,
 * SLOs, burn-rate alerts, failover decisions) on the embedded engine, the replay's own wiring, watched live while it
 * runs and summed up at the end. The outputs are the replay's files.
 */
public final class Demo {

    private static final long REFRESH_MILLIS = 200;

    /** What the run found, besides what it printed. */
    public record Result(List<SloAlert> alerts, List<DecisionRecord> decisions, Replay.Summary replay) {
        public Result {
            alerts = List.copyOf(alerts);
            decisions = List.copyOf(decisions);
        }
    }

    private final EngineRules rules;
    private final Path out;
    private final int parallelism;
    private final ExternalOutputs outputs;

    public Demo(EngineRules rules, Path out, int parallelism, ExternalOutputs outputs) {
        this.outputs = Objects.requireNonNull(outputs, "outputs");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.out = Objects.requireNonNull(out, "out");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /** The scenario's plan with another seed: the same world and faults, other traffic. */
    public static SimulationPlan withSeed(SimulationPlan plan, long seed) {
        SimulationPlan.Builder builder = SimulationPlan.builder()
                .seed(seed)
                .start(plan.start())
                .duration(plan.duration())
                .topology(plan.topology())
                .tenants(plan.tenants())
                .trafficScale(plan.trafficScale());
        for (Fault fault : plan.faults()) {
            builder.fault(fault);
        }
        return builder.build();
    }

    /**
     * Runs the scenario (with its plan as given) and shows it on {@code view}.
     *
     * @param ansi redraw the table in place with escape codes (a terminal); else plain lines at checkpoints
     */
    public Result run(Scenario scenario, SimulationPlan plan, PrintWriter view, boolean ansi) throws Exception {
        Timeline timeline = Timeline.of(scenario);
        view.printf(
                "Concord demo: %s (%s), seed %d, on the embedded engine at parallelism %d.%n",
                scenario.name(), scenario.description(), plan.seed(), parallelism);
        view.printf(
                "Simulating %s of both clouds in simulated time from %s %s UTC...%n",
                dev.concord.outputs.Conventions.windowLabel(
                        (int) plan.duration().toMinutes()),
                timeline.day(),
                Timeline.clock(plan.start().toEpochMilli()));
        view.flush();
        CanonicalRecords records = new Simulator(plan).runInProcess();
        RecordedTelemetry telemetry =
                new RecordedTelemetry(records.spans(), records.probes(), records.logs(), records.metrics(), List.of());
        view.printf(
                "%d spans, %d probe results, %d logs, %d metric samples; the pipeline runs...%n%n",
                records.spans().size(),
                records.probes().size(),
                records.logs().size(),
                records.metrics().size());
        view.flush();

        List<SloAlert> alerts = new ArrayList<>();
        List<DecisionRecord> decisions = new ArrayList<>();
        LiveView live = new LiveView(view, ansi, timeline);
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "concord-demo-pipeline");
            thread.setDaemon(true);
            return thread;
        });
        Replay.Summary summary;
        try (LiveFeed feed = new LiveFeed()) {
            Replay.Taps taps = (slo, decided) -> {
                slo.snapshots()
                        .sinkTo(feed.<SloSnapshot>sink())
                        .uid(Conventions.UID_DEMO_SNAPSHOT_FEED)
                        .name(Conventions.UID_DEMO_SNAPSHOT_FEED);
                slo.alerts()
                        .sinkTo(feed.<SloAlert>sink())
                        .uid(Conventions.UID_DEMO_ALERT_FEED)
                        .name(Conventions.UID_DEMO_ALERT_FEED);
                if (decided != null) {
                    decided.sinkTo(feed.<DecisionRecord>sink())
                            .uid(Conventions.UID_DEMO_DECISION_FEED)
                            .name(Conventions.UID_DEMO_DECISION_FEED);
                }
            };
            Future<Replay.Summary> pipeline = runner.submit(() -> Replay.run(
                    telemetry,
                    rules,
                    out,
                    Replay.options()
                            .to(plan.end())
                            .parallelism(parallelism)
                            .outputs(outputs)
                            .taps(taps)));
            while (!pipeline.isDone()) {
                List<Object> arrived = feed.drain(REFRESH_MILLIS);
                collect(arrived, alerts, decisions);
                live.show(arrived);
            }
            List<Object> rest = feed.drain(0);
            collect(rest, alerts, decisions);
            live.show(rest);
            summary = result(pipeline);
        } finally {
            runner.shutdownNow();
        }
        live.finish();
        alerts.sort(Comparator.comparingLong(SloAlert::eventTimeMillis)
                .thenComparing(SloAlert::slo)
                .thenComparing(SloAlert::cloudProvider)
                .thenComparing(SloAlert::cloudRegion)
                .thenComparing(SloAlert::tenant)
                .thenComparingInt(SloAlert::longWindowMinutes)
                .thenComparing(SloAlert::firing));
        decisions.sort(Comparator.comparingLong(Narration::millis)
                .thenComparing(DecisionRecord::decisionId)
                .thenComparing(r -> r.state().name()));
        String outputs = String.format(
                "Wrote %d transactions, %d SLO snapshots, %d alerts and %d decision records as JSON lines to %s.",
                summary.transactions(), summary.snapshots(), summary.alerts(), summary.decisions(), out);
        Narration.summary(timeline, alerts, decisions, outputs).forEach(view::println);
        view.flush();
        return new Result(alerts, decisions, summary);
    }

    private static void collect(List<Object> arrived, List<SloAlert> alerts, List<DecisionRecord> decisions) {
        for (Object record : arrived) {
            if (record instanceof SloAlert alert) {
                alerts.add(alert);
            } else if (record instanceof DecisionRecord decision) {
                decisions.add(decision);
            }
        }
    }

    private static Replay.Summary result(Future<Replay.Summary> pipeline) throws Exception {
        try {
            return pipeline.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
