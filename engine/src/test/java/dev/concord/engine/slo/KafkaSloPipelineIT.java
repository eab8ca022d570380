package dev.concord.engine.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.Engine;
import dev.concord.engine.correlate.TransactionOutcome;
import dev.concord.engine.sinks.JsonLines;
import dev.concord.engine.sinks.JsonLinesSink;
import dev.concord.engine.sources.KafkaTelemetry;
import dev.concord.engine.testing.OtlpRecording;
import dev.concord.engine.testing.WarehouseOutage;
import dev.concord.ingest.model.Span;
import dev.concord.services.RequiresServices;
import dev.concord.services.Service;
import dev.concord.services.ServiceEndpoints;
import dev.concord.simulator.SimulationSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline reads the Collector's Kafka layout: otlp_proto export requests on a traces topic. */
@RequiresServices(Service.KAFKA)
class KafkaSloPipelineIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setConfiguration(Engine.baseConfiguration())
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final Instant OUTAGE = SimulationSettings.DEFAULT_START.plus(Duration.ofMinutes(10));

    @Test
    void findsThePrimaryOutageInSpansReadFromKafka(ServiceEndpoints endpoints, @TempDir Path out) throws Exception {
        List<Span> spans = WarehouseOutage.spans(8);
        String topic = "otlp_spans_" + UUID.randomUUID();
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", endpoints.kafkaBootstrapServers());
        try (Admin admin = Admin.create(kafka)) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(kafka, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < spans.size(); i += 40) {
                byte[] request = OtlpRecording.request(spans.subList(i, Math.min(i + 40, spans.size())))
                        .toByteArray();
                // one partition per half of the day: each partition stays in time order
                producer.send(new ProducerRecord<>(topic, i < spans.size() / 2 ? 0 : 1, null, request));
            }
            producer.send(new ProducerRecord<>(topic, 0, null, new byte[] {1, 2, 3}));
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        new SloPipelineJob(
                        KafkaTelemetry.spans(endpoints.kafkaBootstrapServers(), topic, "concord-it-" + topic, true),
                        List.of(WarehouseOutage.ORDERS),
                        List.of(WarehouseOutage.AVAILABILITY),
                        SimulationSettings.DEFAULT_START
                                .plus(Duration.ofMinutes(40))
                                .toEpochMilli(),
                        new SloPipelineJob.Sinks(
                                new JsonLinesSink<>(out.resolve("transactions")),
                                new JsonLinesSink<>(out.resolve("slo")),
                                new JsonLinesSink<>(out.resolve("alerts")),
                                new JsonLinesSink<>(out.resolve("late"))))
                .execute(env);

        assertThat(JsonLines.read(out.resolve("transactions"), TransactionOutcome.class))
                .hasSize(2 * 30 * 30);
        assertThat(JsonLines.read(out.resolve("alerts"), SloAlert.class))
                .filteredOn(a -> a.firing() && a.severity().equals("page"))
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.cloudProvider()).isEqualTo("aws"));
    }
}
