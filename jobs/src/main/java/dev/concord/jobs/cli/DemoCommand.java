package dev.concord.jobs.cli;

import dev.concord.jobs.Conventions;
import dev.concord.jobs.Engine;
import dev.concord.jobs.ratio.MinuteSuccessRatio;
import dev.concord.jobs.ratio.TransactionSuccessRatioJob;
import dev.concord.jobs.sinks.Directories;
import dev.concord.jobs.sinks.JsonLines;
import dev.concord.jobs.sinks.JsonLinesSink;
import dev.concord.jobs.sources.SimulatedSpans;
import dev.concord.simulator.SimulationSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Simulates an outage of the primary's warehouse API and shows its success ratio fall while the secondary's holds. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Simulate two clouds (aws us-east-1 primary, gcp us-central1 secondary) running "
                + "order-to-fulfillment while the primary's warehouse API is down from minute 10 to 20, "
                + "compute the success ratio per minute on the embedded Flink engine, print it and write it "
                + "as JSON lines.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--out",
            defaultValue = "concord-out",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Simulator seed; the same seed gives the same run (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Parallelism of the embedded engine (default: ${DEFAULT-VALUE}).")
    private int parallelism;

    @Override
    public Integer call() throws Exception {
        if (parallelism < 1) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--parallelism must be at least 1, got " + parallelism);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        SimulationSettings settings = SimulationSettings.demo(seed);
        Path ratios = out.resolve(Conventions.OUT_SUCCESS_RATIO);
        Path late = out.resolve(Conventions.OUT_LATE_SPANS);
        Directories.deleteRecursively(ratios);
        Directories.deleteRecursively(late);

        long started = System.nanoTime();
        StreamExecutionEnvironment env = Engine.embedded(parallelism);
        new TransactionSuccessRatioJob(
                        SimulatedSpans.source(settings, env.getConfig()),
                        new JsonLinesSink<>(ratios),
                        new JsonLinesSink<>(late))
                .execute(env);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        List<MinuteSuccessRatio> rows = JsonLines.read(ratios, MinuteSuccessRatio.class);
        stdout.print(new RatioTable(settings).render(rows));
        stdout.printf(
                "%nWrote %d rows as JSON lines to %s (%d ms on the embedded engine, parallelism %d).%n",
                rows.size(), ratios, elapsedMillis, parallelism);
        stdout.flush();
        return 0;
    }
}
