package dev.concord.cli;

import dev.concord.engine.rules.EngineRules;
import dev.concord.jobs.replay.RecordedTelemetry;
import dev.concord.jobs.replay.Replay;
import dev.concord.outputs.ExternalOutputs;
import dev.concord.rules.CheckReport;
import dev.concord.rules.CheckResult;
import dev.concord.rules.Rules;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code concord replay}: the whole pipeline over recorded telemetry, on the embedded engine. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        versionProvider = ConcordVersion.class,
        description = "Replay telemetry recorded in the OpenTelemetry Collector's file-exporter format (OTLP/JSON "
                + "lines, optionally gzipped) through the whole pipeline on the embedded engine; write "
                + "transactions.jsonl, slo.jsonl, alerts.jsonl and decisions.jsonl to --out, metrics for Prometheus, and "
                + "optionally documents to Elasticsearch and alerts to Alertmanager. The same input gives identical "
                + "files at any parallelism.")
final class ReplayCommand implements Callable<Integer> {

    private static final int INVALID_RULES = 1;
    private static final int SHOWN_PROBLEMS = 10;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            arity = "1..*",
            paramLabel = "PATH",
            description = "Recorded files, or directories of .json, .jsonl and .gz files.")
    private List<Path> inputs;

    @Option(
            names = "--rules",
            required = true,
            arity = "1..*",
            paramLabel = "PATH",
            description = "Rule files or directories (see `concord rules check`).")
    private List<Path> rules;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    private Path out;

    @Option(
            names = "--from",
            paramLabel = "T",
            description = "Leave out spans that ended before this instant (e.g. 2026-01-05T09:00:00Z).")
    private Instant from;

    @Option(
            names = "--to",
            paramLabel = "T",
            description = "Leave out spans that ended at or after this instant; SLOs are evaluated up to it "
                    + "(default: the end of the recording's last minute).")
    private Instant to;

    @Option(
            names = "--confirmations",
            paramLabel = "DIR",
            description = "Operator confirmations written by `concord confirm --control-dir DIR`, applied at their "
                    + "--at time.")
    private Path confirmations;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Parallelism of the embedded engine (default: ${DEFAULT-VALUE}).")
    private int parallelism;

    @CommandLine.Mixin
    private OutputOptions outputOptions;

    @Override
    public Integer call() throws Exception {
        if (parallelism < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--parallelism must be at least 1, got " + parallelism);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--from " + from + " must be before --to " + to);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        CheckResult checked = Rules.check(rules);
        if (!checked.valid()) {
            stderr.print(CheckReport.render(checked));
            stderr.flush();
            return INVALID_RULES;
        }
        EngineRules engineRules = EngineRules.from(checked.rules());
        for (String skipped : engineRules.skipped()) {
            stderr.println("not evaluated: " + skipped);
        }
        ExternalOutputs outputs = outputOptions.outputs();
        outputOptions.describe(outputs, stdout);
        stdout.flush();
        RecordedTelemetry telemetry = RecordedTelemetry.read(inputs);
        Replay.Summary summary = Replay.run(
                telemetry,
                engineRules,
                out,
                Replay.options()
                        .from(from)
                        .to(to)
                        .parallelism(parallelism)
                        .confirmations(confirmations)
                        .outputs(outputs));
        for (String problem : summary.problems().stream().limit(SHOWN_PROBLEMS).toList()) {
            stderr.println("undecodable: " + problem);
        }
        if (summary.problems().size() > SHOWN_PROBLEMS) {
            stderr.println("... and " + (summary.problems().size() - SHOWN_PROBLEMS) + " more undecodable lines");
        }
        stderr.flush();
        stdout.printf(
                "Replayed %d of %d spans (%d undecodable lines); SLOs evaluated until %s.%n",
                summary.spansReplayed(), summary.spansRead(), summary.problems().size(), summary.evaluatedUntil());
        stdout.printf(
                "Wrote %d transactions, %d SLO snapshots, %d alerts, %d decision records and %d late spans to %s.%n",
                summary.transactions(),
                summary.snapshots(),
                summary.alerts(),
                summary.decisions(),
                summary.lateSpans(),
                out);
        stdout.flush();
        return 0;
    }
}
