package dev.concord.ingest.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Fresh topics per test (the broker may be shared) and a reader that takes everything they hold. */
final class KafkaTopicsFixture implements AutoCloseable {

    private final String bootstrap;
    final KafkaTopics topics;

    KafkaTopicsFixture(String bootstrap) throws Exception {
        this.bootstrap = bootstrap;
        String suffix = "-it-" + UUID.randomUUID();
        this.topics = new KafkaTopics("otlp_spans" + suffix, "otlp_logs" + suffix, "otlp_metrics" + suffix);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(
                            new NewTopic(topics.spans(), 3, (short) 1),
                            new NewTopic(topics.logs(), 1, (short) 1),
                            new NewTopic(topics.metrics(), 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** Everything in the topic, once at least {@code atLeast} records are there or the timeout passed. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int atLeast, Duration timeout) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.size() >= atLeast) {
                    // one more poll to catch anything beyond the expected count
                    consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                    break;
                }
            }
            return records;
        }
    }

    @Override
    public void close() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(List.of(topics.spans(), topics.logs(), topics.metrics()))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    static <T> ConsumerRecord<byte[], byte[]> only(List<ConsumerRecord<byte[], byte[]>> records) {
        if (records.size() != 1) {
            throw new AssertionError("expected one record, got " + records.size());
        }
        return records.get(0);
    }
}
