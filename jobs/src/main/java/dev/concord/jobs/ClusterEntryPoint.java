package dev.concord.jobs;

import dev.concord.jobs.ratio.TransactionSuccessRatioJob;
import dev.concord.jobs.sinks.JsonLinesSink;
import dev.concord.jobs.sources.SimulatedSpans;
import dev.concord.simulator.SimulationSettings;
import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The entry class of {@code concord-flink-job.jar} on a Flink cluster: runs the success-ratio job over the
 * simulator's demo traffic and writes JSON lines under {@code --out} on the TaskManagers' machine.
 *
 * <p>Arguments: {@code --out DIR [--seed N]}.
 */
public final class ClusterEntryPoint {

    private ClusterEntryPoint() {}

    public static void main(String[] args) throws Exception {
        Path out = null;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        StreamExecutionEnvironment env = Engine.cluster();
        new TransactionSuccessRatioJob(
                        SimulatedSpans.source(SimulationSettings.demo(seed), env.getConfig()),
                        new JsonLinesSink<>(out.resolve(Conventions.OUT_SUCCESS_RATIO)),
                        new JsonLinesSink<>(out.resolve(Conventions.OUT_LATE_SPANS)))
                .execute(env);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
