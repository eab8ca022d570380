package dev.concord.cli;

import dev.concord.simulator.Simulator;
import dev.concord.simulator.emit.CollectorFiles;
import dev.concord.simulator.emit.OtlpHttp;
import dev.concord.simulator.emit.TelemetryOutput;
import dev.concord.simulator.scenario.Scenario;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Runs a scenario and writes its telemetry to files for replay or sends it to an OTLP receiver. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        versionProvider = ConcordVersion.class,
        description = "Simulate a scenario of the library in simulated time and write its traces, logs and metrics"
                + " as OpenTelemetry Collector file-exporter files (--out) or send them over OTLP/HTTP (--otlp).")
final class SimulateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ScenarioOptions scenarios;

    @Option(names = "--scenario", required = true, paramLabel = "NAME", description = "The scenario to run.")
    private String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Destination destination;

    static final class Destination {
        @Option(
                names = "--out",
                paramLabel = "DIR",
                description = "Write traces.jsonl, logs.jsonl and metrics.jsonl here (replaced).")
        Path out;

        @Option(
                names = "--otlp",
                paramLabel = "URL",
                description = "Send to this OTLP/HTTP base URL, as OTEL_EXPORTER_OTLP_ENDPOINT (/v1/... is added).")
        URI otlp;
    }

    @Option(
            names = "--header",
            paramLabel = "NAME=VALUE",
            description = "A header for every OTLP request, for example Authorization=Bearer\\ TOKEN.")
    private Map<String, String> headers = new LinkedHashMap<>();

    @Override
    public Integer call() {
        Scenario scenario = scenarios.named(spec, name);
        long started = System.nanoTime();
        try (TelemetryOutput output = open()) {
            new Simulator(scenario.plan()).run(output);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        spec.commandLine()
                .getOut()
                .printf(
                        "Simulated %s (%s from %s) to %s in %d ms.%n",
                        scenario.name(),
                        scenario.plan().duration(),
                        scenario.plan().start(),
                        destination.out != null ? destination.out : destination.otlp,
                        (System.nanoTime() - started) / 1_000_000);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private TelemetryOutput open() {
        return destination.out != null ? new CollectorFiles(destination.out) : new OtlpHttp(destination.otlp, headers);
    }
}
