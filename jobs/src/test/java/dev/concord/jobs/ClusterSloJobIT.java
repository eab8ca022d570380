package dev.concord.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.correlate.TransactionOutcome;
import dev.concord.engine.sinks.JsonLines;
import dev.concord.engine.slo.SloAlert;
import dev.concord.engine.testing.OtlpRecording;
import dev.concord.engine.testing.WarehouseOutage;
import dev.concord.ingest.model.Span;
import dev.concord.services.FlinkRestClient;
import dev.concord.services.RequiresServices;
import dev.concord.services.Service;
import dev.concord.services.ServiceEndpoints;
import dev.concord.simulator.SimulationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SLO job on the standalone cluster, reading the Collector's Kafka layout, as the README describes. */
@RequiresServices({Service.FLINK_CLUSTER, Service.KAFKA})
class ClusterSloJobIT {

    private static final Path JOB_JAR = Path.of("target", "concord-flink-job.jar");
    private static final Instant OUTAGE = SimulationSettings.DEFAULT_START.plus(Duration.ofMinutes(10));
    private static final String RULES = WarehouseOutage.RULES;

    @Test
    void pagesForThePrimaryFromSpansOnKafka(ServiceEndpoints endpoints, @TempDir Path work) throws Exception {
        List<Span> spans = WarehouseOutage.spans(12);
        String topic = "otlp_spans_" + UUID.randomUUID();
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", endpoints.kafkaBootstrapServers());
        try (Admin admin = Admin.create(kafka)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(kafka, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < spans.size(); i += 40) {
                producer.send(new ProducerRecord<>(
                        topic,
                        OtlpRecording.request(spans.subList(i, Math.min(i + 40, spans.size())))
                                .toByteArray()));
            }
        }
        Path rules = Files.writeString(work.resolve("rules.yaml"), RULES);
        Path out = work.resolve("out");

        FlinkRestClient cluster = new FlinkRestClient(endpoints.flinkRestUrl());
        String jarId = cluster.upload(JOB_JAR);
        try {
            String jobId = cluster.run(
                    jarId,
                    ClusterEntryPoint.class.getName(),
                    List.of(
                            "--job",
                            "slo",
                            "--kafka",
                            endpoints.kafkaBootstrapServers(),
                            "--topic",
                            topic,
                            "--group",
                            "it-" + topic,
                            "--rules",
                            rules.toString(),
                            "--out",
                            out.toString(),
                            "--bounded"),
                    2);
            cluster.awaitFinished(jobId, Duration.ofMinutes(3));
        } finally {
            cluster.deleteJar(jarId);
        }

        assertThat(JsonLines.read(out.resolve("transactions"), TransactionOutcome.class))
                .hasSize(2 * 30 * 30);
        assertThat(JsonLines.read(out.resolve("alerts"), SloAlert.class))
                .filteredOn(a -> a.firing() && a.severity().equals("page"))
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.cloudProvider()).isEqualTo("aws"));
    }
}
