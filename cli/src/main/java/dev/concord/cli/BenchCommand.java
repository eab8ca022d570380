package dev.concord.cli;

import dev.concord.cli.bench.PipelineBench;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code concord bench}: measures the correlation and SLO pipeline on this machine and prints a Markdown report. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = ConcordVersion.class,
        description = "Measure the correlation and SLO pipeline on the embedded engine (heap state): spans per second "
                + "and per CPU-second at each parallelism, the source alone, latency percentiles of outcomes, SLO "
                + "snapshots and alerts, and bytes of state per in-flight transaction and per SLO key.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--transactions-per-minute",
            defaultValue = "2000",
            description = "Simulated transactions per cloud and minute (default: ${DEFAULT-VALUE}).")
    private int perMinute;

    @Option(
            names = "--minutes",
            defaultValue = "30",
            description = "Simulated minutes of traffic (default: ${DEFAULT-VALUE}).")
    private int minutes;

    @Option(
            names = "--parallelism",
            split = ",",
            defaultValue = "1,2",
            description = "Parallelisms to measure (default: ${DEFAULT-VALUE}).")
    private List<Integer> parallelisms;

    @Option(
            names = "--runs",
            defaultValue = "3",
            description = "Runs per parallelism; the best is kept (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Override
    public Integer call() throws Exception {
        if (perMinute < 1 || minutes < 1 || runs < 1 || parallelisms.stream().anyMatch(p -> p < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "every number must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Set<Integer> prepared = new TreeSet<>(parallelisms);
        PipelineBench.Workload spans = PipelineBench.workload(perMinute, minutes, prepared);
        out.printf("workload: %d spans of %d simulated minutes%n", spans.spans(), minutes);
        out.flush();
        for (int parallelism : prepared) {
            // warm-up, not measured: class loading, and the JIT compiling the paths of each parallelism
            PipelineBench.run(spans, parallelism);
        }
        List<PipelineBench.Result> results = new ArrayList<>();
        List<PipelineBench.Result> pipelines = new ArrayList<>();
        for (int parallelism : parallelisms) {
            results.add(best(() -> PipelineBench.runSourceOnly(spans, parallelism)));
            PipelineBench.Result pipeline = best(() -> PipelineBench.run(spans, parallelism));
            results.add(pipeline);
            pipelines.add(pipeline);
        }
        out.printf(
                "%n%s, %d cores, command: concord bench --transactions-per-minute %d --minutes %d --parallelism %s"
                        + " --runs %d%n%n",
                LocalDate.now(ZoneOffset.UTC),
                Runtime.getRuntime().availableProcessors(),
                perMinute,
                minutes,
                parallelisms.stream().map(String::valueOf).collect(Collectors.joining(",")),
                runs);
        out.print(PipelineBench.throughputTable(results));
        out.println();
        out.print(PipelineBench.latencyTable(pipelines));
        out.println();
        out.printf(
                "state per in-flight transaction: %d bytes after 1 span, %d bytes after 2 spans%n",
                spans.inFlightStateBytes(1), spans.inFlightStateBytes(2));
        out.printf(
                "state per SLO key (google-30d windows, 30-day period): %d bytes, whatever the traffic%n",
                PipelineBench.sloKeyStateBytes());
        out.flush();
        return 0;
    }

    /** The run with the most spans per CPU-second: the figure least disturbed by other work on the machine. */
    private PipelineBench.Result best(Callable<PipelineBench.Result> run) throws Exception {
        PipelineBench.Result best = null;
        for (int i = 0; i < runs; i++) {
            PipelineBench.Result result = run.call();
            if (best == null || result.spansPerCpuSecond() > best.spansPerCpuSecond()) {
                best = result;
            }
        }
        return best;
    }
}
