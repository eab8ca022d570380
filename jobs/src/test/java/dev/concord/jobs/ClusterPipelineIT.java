package dev.concord.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.engine.Conventions;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.rules.EngineRules;
import dev.concord.engine.sinks.JsonLines;
import dev.concord.engine.slo.SloAlert;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.otlp.PayloadFormat;
import dev.concord.jobs.replay.RecordedTelemetry;
import dev.concord.jobs.replay.Replay;
import dev.concord.rules.CheckResult;
import dev.concord.rules.Rules;
import dev.concord.services.CommandLineTools;
import dev.concord.services.FlinkRestClient;
import dev.concord.services.RequiresServices;
import dev.concord.services.Service;
import dev.concord.services.ServiceEndpoints;
import dev.concord.simulator.Simulator;
import dev.concord.simulator.emit.CollectorFiles;
import dev.concord.simulator.scenario.Scenario;
import dev.concord.simulator.scenario.ScenarioLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline as the README tells cluster users to run it: a recorded primary warehouse outage produced to the
 * Collector's Kafka topics (otlp_proto), concord-flink-job.jar submitted to the standalone cluster with {@code --job
 * pipeline --bounded}, and its alerts and decisions compared with a replay of the same recording.
 */
@RequiresServices({Service.FLINK_CLUSTER, Service.KAFKA})
class ClusterPipelineIT {

    private static final Path JOB_JAR = Path.of("target", "concord-flink-job.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void thePipelineOnTheClusterRaisesTheAlertsAndTakesTheDecisionsAReplayDoes(
            ServiceEndpoints endpoints, @TempDir Path dir) throws Exception {
        assertThat(JOB_JAR).as("built by the package phase").isRegularFile();
        Path recording = simulate(dir);
        Path rulesDir = CommandLineTools.repoRoot().resolve("slo-rules/rules");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<OtlpSignal, String> topics = Map.of(
                OtlpSignal.TRACES, "otlp_spans_" + run,
                OtlpSignal.LOGS, "otlp_logs_" + run,
                OtlpSignal.METRICS, "otlp_metrics_" + run);
        produce(endpoints.kafkaBootstrapServers(), recording, topics);

        Path out = dir.resolve("cluster");
        FlinkRestClient cluster = new FlinkRestClient(endpoints.flinkRestUrl());
        String jarId = cluster.upload(JOB_JAR);
        String jobId = null;
        boolean finished = false;
        try {
            jobId = cluster.run(
                    jarId,
                    ClusterEntryPoint.class.getName(),
                    List.of(
                            "--job",
                            "pipeline",
                            "--kafka",
                            endpoints.kafkaBootstrapServers(),
                            "--rules",
                            rulesDir.toString(),
                            "--out",
                            out.toString(),
                            "--spans-topic",
                            topics.get(OtlpSignal.TRACES),
                            "--logs-topic",
                            topics.get(OtlpSignal.LOGS),
                            "--metrics-topic",
                            topics.get(OtlpSignal.METRICS),
                            "--group",
                            "concord-it-" + run,
                            "--bounded"),
                    1);
            cluster.awaitFinished(jobId, Duration.ofMinutes(6));
            finished = true;
        } finally {
            if (jobId != null && !finished) {
                cancel(endpoints.flinkRestUrl(), jobId);
            }
            cluster.deleteJar(jarId);
        }

        CheckResult checked = Rules.check(List.of(rulesDir));
        Path replayed = dir.resolve("replay");
        Replay.run(
                RecordedTelemetry.read(List.of(recording)), EngineRules.from(checked.rules()), replayed, null, null, 1);

        List<SloAlert> alerts = JsonLines.read(out.resolve(Conventions.OUT_ALERTS), SloAlert.class);
        assertThat(alerts)
                .filteredOn(a -> a.firing() && a.severity().equals("page"))
                .as("the outage pages")
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.cloudProvider()).isEqualTo("aws"))
                .anySatisfy(a -> assertThat(a.cloudRegion()).isEqualTo("us-east-1"));
        assertThat(firing(alerts)).isEqualTo(firing(replayed(replayed.resolve(Replay.ALERTS), SloAlert.class)));

        List<DecisionRecord> decisions = JsonLines.read(out.resolve(Conventions.OUT_DECISIONS), DecisionRecord.class);
        assertThat(decisions).as("the engine decides about the outage").isNotEmpty();
        assertThat(transitions(decisions))
                .isEqualTo(transitions(replayed(replayed.resolve(Replay.DECISIONS), DecisionRecord.class)));
    }

    /** A replay writes each output as one sorted file. */
    private static <T> List<T> replayed(Path file, Class<T> type) throws Exception {
        List<T> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            records.add(JSON.readValue(line, type));
        }
        return records;
    }

    /** Which alert fired where, over which window: what a consumer of alerts acts on. */
    private static List<String> firing(List<SloAlert> alerts) {
        return alerts.stream()
                .filter(SloAlert::firing)
                .map(a -> a.slo() + " " + a.cloudProvider() + " " + a.cloudRegion() + " " + a.tenant() + " "
                        + a.severity() + " " + a.longWindowMinutes() + " " + a.eventTimeMillis())
                .sorted()
                .collect(Collectors.toList());
    }

    private static List<String> transitions(List<DecisionRecord> decisions) {
        return decisions.stream()
                .map(d -> d.eventTime() + " " + d.decisionId() + " " + d.policy() + " " + d.action() + " " + d.state()
                        + " " + d.from() + " -> " + d.to())
                .sorted()
                .collect(Collectors.toList());
    }

    /** Each recorded line is one export request: the same request, in protobuf, is one Kafka message. */
    private static void produce(String bootstrapServers, Path recording, Map<OtlpSignal, String> topics)
            throws Exception {
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", bootstrapServers);
        try (Admin admin = Admin.create(kafka)) {
            admin.createTopics(topics.values().stream()
                            .map(t -> new NewTopic(t, 1, (short) 1))
                            .toList())
                    .all()
                    .get();
        }
        int messages = 0;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(kafka, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (OtlpSignal signal : OtlpSignal.values()) {
                Path file = recording.resolve(signal.label() + ".jsonl");
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    byte[] json = line.getBytes(StandardCharsets.UTF_8);
                    byte[] proto =
                            signal.parse(json, json.length, PayloadFormat.JSON).toByteArray();
                    producer.send(new ProducerRecord<>(topics.get(signal), proto));
                    messages++;
                }
            }
        }
        assertThat(messages).isPositive();
    }

    /** primary-warehouse-outage, shortened: warehouse-api down in aws us-east-1 from minute 20 to 40 of 70. */
    private static Path simulate(Path dir) throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        String library = Files.readString(
                CommandLineTools.repoRoot().resolve("simulator/scenarios/primary-warehouse-outage.yaml"));
        Files.writeString(
                scenarios.resolve("primary-warehouse-outage.yaml"),
                library.replace("duration: 2h", "duration: 70m")
                        .replace("start: 45m", "start: 20m")
                        .replace("end: 75m", "end: 40m"));
        Path out = dir.resolve("recording");
        Scenario scenario = ScenarioLoader.load(scenarios.resolve("primary-warehouse-outage.yaml"));
        try (CollectorFiles files = new CollectorFiles(out)) {
            new Simulator(scenario.plan()).run(files);
        }
        return out;
    }

    private static void cancel(String restUrl, String jobId) throws Exception {
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(restUrl + "/jobs/" + jobId + "?mode=cancel"))
                                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
    }
}
