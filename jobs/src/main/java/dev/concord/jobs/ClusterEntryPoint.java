package dev.concord.jobs;

import dev.concord.engine.Conventions;
import dev.concord.engine.Engine;
import dev.concord.engine.decide.ControlChannel;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.DecisionSettings;
import dev.concord.engine.decide.DecisionWiring;
import dev.concord.engine.decide.control.ControlEndpointSink;
import dev.concord.engine.decide.guards.promql.PromQlGuard;
import dev.concord.engine.decide.guards.promql.PromQlGuards;
import dev.concord.engine.rules.EngineRules;
import dev.concord.engine.sinks.JsonLinesSink;
import dev.concord.engine.slo.SloPipelineJob;
import dev.concord.engine.sources.KafkaTelemetry;
import dev.concord.outputs.ExternalOutputs;
import dev.concord.outputs.alertmanager.AlertmanagerConfig;
import dev.concord.outputs.elasticsearch.ElasticsearchConfig;
import dev.concord.outputs.prometheus.PrometheusExporterConfig;
import dev.concord.rules.CheckReport;
import dev.concord.rules.CheckResult;
import dev.concord.rules.Rules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The entry class of {@code concord-flink-job.jar} on a Flink cluster. Two jobs, chosen with {@code --job}:
 *
 * <ul>
 *   <li>{@code --job pipeline --kafka HOST:PORT --rules PATH --out DIR [--spans-topic otlp_spans] [--logs-topic
 *       otlp_logs] [--metrics-topic otlp_metrics] [--group concord] [--bounded] [--control-port P --control-tokens
 *       FILE] [--prometheus-port P] [--elasticsearch URL] [--alertmanager URL]}: correlation, SLOs and failover
 *       decisions over the Collector's Kafka topics; transactions, SLO snapshots, alerts and decisions as JSON lines
 *       under DIR on the TaskManagers, and to the external outputs given. The rules are read where the job is
 *       submitted.
 *   <li>{@code --job slo}: the same without decisions (and so without logs, metrics or control options); {@code
 *       --topic} names the spans topic.
 * </ul>
 */
public final class ClusterEntryPoint {

    private static final Set<String> OPTIONS = Set.of(
            "--job",
            "--out",
            "--kafka",
            "--topic",
            "--spans-topic",
            "--logs-topic",
            "--metrics-topic",
            "--group",
            "--rules",
            "--control-port",
            "--control-tokens",
            "--prometheus-port",
            "--elasticsearch",
            "--alertmanager");

    private static final Set<String> PIPELINE_ONLY =
            Set.of("--logs-topic", "--metrics-topic", "--control-port", "--control-tokens", "--spans-topic");

    private ClusterEntryPoint() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path out = Path.of(required(options, "--out"));
        String job = required(options, "--job");
        switch (job) {
            case "slo", "pipeline" -> {
                Pipeline pipeline = Pipeline.of(options, out, job.equals("pipeline"));
                StreamExecutionEnvironment env = Engine.cluster();
                pipeline.build(env);
                env.execute("concord-" + job);
            }
            default -> throw new IllegalArgumentException("--job must be pipeline or slo, got " + job);
        }
    }

    /** The pipeline's options, checked before anything is built. */
    private record Pipeline(
            String kafka,
            String spansTopic,
            String logsTopic,
            String metricsTopic,
            String group,
            boolean bounded,
            EngineRules rules,
            List<PromQlGuard> guards,
            boolean decisions,
            Path out,
            Integer controlPort,
            Path controlTokens,
            ExternalOutputs outputs) {

        static Pipeline of(Map<String, String> options, Path out, boolean decisions) {
            if (!decisions) {
                for (String option : PIPELINE_ONLY) {
                    if (options.containsKey(option)) {
                        throw new IllegalArgumentException(option + " is for --job pipeline, not --job slo");
                    }
                }
            } else if (options.containsKey("--topic")) {
                throw new IllegalArgumentException("--job pipeline names its topics with --spans-topic, --logs-topic"
                        + " and --metrics-topic, not --topic");
            }
            Path rulesPath = Path.of(required(options, "--rules"));
            CheckResult checked = Rules.check(List.of(rulesPath));
            if (!checked.valid()) {
                throw new IllegalArgumentException(
                        "invalid rules in " + rulesPath + ":\n" + CheckReport.render(checked));
            }
            boolean bounded = options.containsKey("--bounded");
            Integer controlPort = null;
            Path controlTokens = null;
            if (options.containsKey("--control-port") || options.containsKey("--control-tokens")) {
                controlPort = port(options, "--control-port", required(options, "--control-port"));
                controlTokens = Path.of(required(options, "--control-tokens"));
                if (!Files.isRegularFile(controlTokens)) {
                    throw new IllegalArgumentException("--control-tokens: no such file: " + controlTokens);
                }
                if (bounded) {
                    throw new IllegalArgumentException("--control-port needs a job that keeps running: a --bounded run"
                            + " ends once the topics are read");
                }
            }
            String prometheusPort = options.get("--prometheus-port");
            String elasticsearch = options.get("--elasticsearch");
            String alertmanager = options.get("--alertmanager");
            ExternalOutputs outputs = new ExternalOutputs(
                    prometheusPort == null
                            ? null
                            : PrometheusExporterConfig.onPort(port(options, "--prometheus-port", prometheusPort)),
                    elasticsearch == null
                            ? null
                            : ElasticsearchConfig.builder().host(elasticsearch).build(),
                    alertmanager == null
                            ? null
                            : AlertmanagerConfig.builder().url(alertmanager).build());
            String spansTopic = options.getOrDefault(
                    "--spans-topic", options.getOrDefault("--topic", KafkaTelemetry.defaultSpansTopic()));
            EngineRules rules = EngineRules.from(checked.rules());
            // a bounded run reads telemetry of the past: a guard polled now would answer for another time
            List<PromQlGuard> guards = decisions && !bounded ? PromQlGuards.from(checked.rules()) : List.of();
            return new Pipeline(
                    required(options, "--kafka"),
                    spansTopic,
                    options.getOrDefault("--logs-topic", KafkaTelemetry.defaultLogsTopic()),
                    options.getOrDefault("--metrics-topic", KafkaTelemetry.defaultMetricsTopic()),
                    options.getOrDefault("--group", "concord"),
                    bounded,
                    rules,
                    guards,
                    decisions,
                    out,
                    controlPort,
                    controlTokens,
                    outputs);
        }

        void build(StreamExecutionEnvironment env) {
            SloPipelineJob.Streams streams = new SloPipelineJob(
                            KafkaTelemetry.spans(kafka, spansTopic, group, bounded),
                            decisions ? KafkaTelemetry.logs(kafka, logsTopic, group, bounded) : null,
                            rules.transactions(),
                            rules.slos(),
                            Long.MAX_VALUE,
                            new SloPipelineJob.Sinks(
                                    new JsonLinesSink<>(out.resolve(Conventions.OUT_TRANSACTIONS)),
                                    new JsonLinesSink<>(out.resolve(Conventions.OUT_SLO)),
                                    new JsonLinesSink<>(out.resolve(Conventions.OUT_ALERTS)),
                                    new JsonLinesSink<>(out.resolve(Conventions.OUT_LATE_SPANS))))
                    .build(env);
            SingleOutputStreamOperator<DecisionRecord> decisionGraph = null;
            if (decisions && !rules.policies().isEmpty()) {
                Path control = out.resolve(Conventions.OUT_CONTROL);
                // each source of a topic keeps its own offsets: one group per reader
                decisionGraph = DecisionWiring.wire(
                        env,
                        streams.alerts(),
                        new DecisionWiring.Telemetry(
                                KafkaTelemetry.probes(kafka, spansTopic, group + "-probes", bounded),
                                KafkaTelemetry.metrics(kafka, metricsTopic, group + "-metrics", bounded),
                                KafkaTelemetry.logs(kafka, logsTopic, group + "-decision-logs", bounded),
                                KafkaTelemetry.spans(kafka, spansTopic, group + "-decision-spans", bounded)),
                        controlPort == null
                                ? null
                                : ControlChannel.source(control, ControlChannel.DEFAULT_MONITOR_INTERVAL),
                        new DecisionWiring.Polling(guards, Clock.systemUTC()),
                        rules.policies(),
                        DecisionSettings.defaults());
                decisionGraph
                        .sinkTo(new JsonLinesSink<>(out.resolve(Conventions.OUT_DECISIONS)))
                        .uid(Conventions.UID_DECISION_SINK)
                        .name(Conventions.UID_DECISION_SINK);
                if (controlPort != null) {
                    DecisionWiring.serveConfirmations(
                            decisionGraph,
                            new ControlEndpointSink("0.0.0.0", controlPort, controlTokens, control, Clock.systemUTC()));
                }
            }
            outputs.attach(streams, decisionGraph);
        }
    }

    private static int port(Map<String, String> options, String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException(option + " must be a port number from 1 to 65535, got " + value);
    }

    /** Options by name; {@code --bounded} maps to {@code "true"} when given. Picocli names what is wrong. */
    private static Map<String, String> parse(String[] args) {
        CommandSpec spec = CommandSpec.create().name("concord-flink-job");
        for (String option : OPTIONS) {
            spec.addOption(OptionSpec.builder(option)
                    .type(String.class)
                    .paramLabel("VALUE")
                    .build());
        }
        spec.addOption(
                OptionSpec.builder("--bounded").arity("0").type(boolean.class).build());
        CommandLine commandLine = new CommandLine(spec).setExpandAtFiles(false);
        ParseResult result;
        try {
            result = commandLine.parseArgs(args);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Map<String, String> options = new HashMap<>();
        for (String option : OPTIONS) {
            if (result.hasMatchedOption(option)) {
                options.put(option, result.matchedOptionValue(option, ""));
            }
        }
        if (result.hasMatchedOption("--bounded")) {
            options.put("--bounded", "true");
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
