package dev.concord.jobs;

import dev.concord.jobs.ratio.TransactionSuccessRatioJob;
import dev.concord.jobs.rules.EngineRules;
import dev.concord.jobs.sinks.JsonLinesSink;
import dev.concord.jobs.slo.SloPipelineJob;
import dev.concord.jobs.sources.KafkaTelemetry;
import dev.concord.jobs.sources.SimulatedSpans;
import dev.concord.rules.CheckReport;
import dev.concord.rules.CheckResult;
import dev.concord.rules.Rules;
import dev.concord.simulator.SimulationSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The entry class of {@code concord-flink-job.jar} on a Flink cluster. Two jobs:
 *
 * <ul>
 *   <li>{@code --job slo --kafka HOST:PORT --rules PATH --out DIR [--topic otlp_spans] [--group concord]
 *       [--bounded]}: correlation and SLOs over the spans on the Collector's Kafka traces topic; transactions, SLO
 *       snapshots and alerts as JSON lines under DIR on the TaskManagers. The rules are read where the job is
 *       submitted.
 *   <li>{@code --job demo --out DIR [--seed N]} (the default): the success ratio per minute over the simulator's demo
 *       traffic.
 * </ul>
 */
public final class ClusterEntryPoint {

    private static final Set<String> OPTIONS =
            Set.of("--job", "--out", "--seed", "--kafka", "--topic", "--group", "--rules");

    private ClusterEntryPoint() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path out = Path.of(required(options, "--out"));
        StreamExecutionEnvironment env = Engine.cluster();
        switch (options.getOrDefault("--job", "demo")) {
            case "demo" ->
                new TransactionSuccessRatioJob(
                                SimulatedSpans.source(
                                        SimulationSettings.demo(Long.parseLong(options.getOrDefault("--seed", "42"))),
                                        env.getConfig()),
                                new JsonLinesSink<>(out.resolve(Conventions.OUT_SUCCESS_RATIO)),
                                new JsonLinesSink<>(out.resolve(Conventions.OUT_LATE_SPANS)))
                        .execute(env);
            case "slo" -> slo(env, options, out);
            default -> throw new IllegalArgumentException("--job must be demo or slo, got " + options.get("--job"));
        }
    }

    private static void slo(StreamExecutionEnvironment env, Map<String, String> options, Path out) throws Exception {
        CheckResult checked = Rules.check(List.of(Path.of(required(options, "--rules"))));
        if (!checked.valid()) {
            throw new IllegalArgumentException("invalid rules:\n" + CheckReport.render(checked));
        }
        EngineRules rules = EngineRules.from(checked.rules());
        new SloPipelineJob(
                        KafkaTelemetry.spans(
                                required(options, "--kafka"),
                                options.getOrDefault("--topic", KafkaTelemetry.defaultSpansTopic()),
                                options.getOrDefault("--group", "concord"),
                                options.containsKey("--bounded")),
                        rules.transactions(),
                        rules.slos(),
                        Long.MAX_VALUE,
                        new SloPipelineJob.Sinks(
                                new JsonLinesSink<>(out.resolve("transactions")),
                                new JsonLinesSink<>(out.resolve("slo")),
                                new JsonLinesSink<>(out.resolve("alerts")),
                                new JsonLinesSink<>(out.resolve("late-spans"))))
                .execute(env);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--bounded")) {
                options.put("--bounded", "true");
            } else if (OPTIONS.contains(args[i])) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                options.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String option) {
        String value = options.get(option);
        if (value == null) {
            throw new IllegalArgumentException(option + " is required");
        }
        return value;
    }
}
