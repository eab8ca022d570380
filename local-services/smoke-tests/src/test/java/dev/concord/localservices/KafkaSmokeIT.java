package dev.concord.localservices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.services.RequiresServices;
import dev.concord.services.Service;
import dev.concord.services.ServiceEndpoints;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The local broker takes records on a fresh two-partition topic and gives every one back, once, in order. */
@RequiresServices(Service.KAFKA)
final class KafkaSmokeIT {

    private static final int RECORDS = 1_000;
    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void everyProducedRecordComesBackExactlyOnceInPartitionOrder(ServiceEndpoints endpoints) throws Exception {
        String bootstrap = endpoints.kafkaBootstrapServers();
        String topic = "concord-smoke-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                Map<Integer, List<String>> sent = produce(bootstrap, topic);
                // the keys spread over both partitions, so the check below covers both
                assertThat(sent).containsOnlyKeys(0, 1);
                assertThat(sent.values())
                        .allSatisfy(records -> assertThat(records).isNotEmpty());

                Map<Integer, List<String>> received = consume(bootstrap, topic);

                assertThat(received).isEqualTo(sent);
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Produces the records and returns, per partition, "offset key value" in offset order as the broker acked them. */
    private static Map<Integer, List<String>> produce(String bootstrap, String topic) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true);
        Map<Integer, TreeMap<Long, String>> acked = new TreeMap<>();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                sends.add(producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)));
            }
            producer.flush();
            for (int i = 0; i < RECORDS; i++) {
                RecordMetadata metadata = sends.get(i).get(30, TimeUnit.SECONDS);
                acked.computeIfAbsent(metadata.partition(), p -> new TreeMap<>())
                        .put(metadata.offset(), line(metadata.offset(), "key-" + i, "value-" + i));
            }
        }
        Map<Integer, List<String>> byPartition = new TreeMap<>();
        acked.forEach((partition, lines) -> byPartition.put(partition, List.copyOf(lines.values())));
        assertThat(byPartition.values().stream().mapToInt(List::size).sum()).isEqualTo(RECORDS);
        return byPartition;
    }

    /** Reads both partitions from the beginning until RECORDS have arrived, then once more to catch extras. */
    private static Map<Integer, List<String>> consume(String bootstrap, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
        Map<Integer, List<String>> received = new TreeMap<>();
        int count = 0;
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(CONSUME_TIMEOUT);
            while (count < RECORDS && Instant.now().isBefore(deadline)) {
                count += add(consumer.poll(Duration.ofMillis(500)), received);
            }
            add(consumer.poll(Duration.ofMillis(500)), received);
        }
        return received;
    }

    private static int add(Iterable<ConsumerRecord<String, String>> records, Map<Integer, List<String>> received) {
        int added = 0;
        for (ConsumerRecord<String, String> record : records) {
            received.computeIfAbsent(record.partition(), p -> new ArrayList<>())
                    .add(line(record.offset(), record.key(), record.value()));
            added++;
        }
        return added;
    }

    private static String line(long offset, String key, String value) {
        return offset + " " + key + " " + value;
    }
}
