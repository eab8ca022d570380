package dev.concord.ingest.sink;

import com.google.protobuf.ByteString;
import dev.concord.ingest.decode.SanitizedRequest;
import dev.concord.ingest.otlp.HexIds;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka in the layout of the OpenTelemetry Collector's Kafka exporter, so Concord's jobs read the same topics whether
 * telemetry came through Concord or a Collector: {@code otlp_proto} encoding (the request's protobuf bytes), spans
 * split by trace id and keyed by its hex so one trace stays in one partition, logs and metrics one message per
 * request without key. The producer is idempotent with {@code acks=all}; a write completes only when every message
 * of the request is acknowledged.
 */
public final class KafkaSink implements TelemetrySink {

    public static final Duration DEFAULT_MAX_BLOCK = Duration.ofSeconds(5);
    /** Producer memory: with {@code max.block.ms} it turns a slow broker into 503s instead of unbounded heap. */
    public static final long DEFAULT_BUFFER_BYTES = 64L * 1024 * 1024;

    private final Producer<byte[], byte[]> producer;
    private final KafkaTopics topics;
    private volatile boolean healthy = true;

    KafkaSink(Producer<byte[], byte[]> producer, KafkaTopics topics) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topics = Objects.requireNonNull(topics, "topics");
    }

    public static KafkaSink connect(String bootstrapServers, KafkaTopics topics) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) DEFAULT_MAX_BLOCK.toMillis());
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, DEFAULT_BUFFER_BYTES);
        // a request may be up to the receiver's body limit
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 32 * 1024 * 1024);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "concord-ingest");
        return new KafkaSink(new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()), topics);
    }

    @Override
    public CompletableFuture<Void> write(SanitizedRequest request) {
        List<ProducerRecord<byte[], byte[]>> records = records(request);
        List<CompletableFuture<Void>> acks = new ArrayList<>(records.size());
        try {
            for (ProducerRecord<byte[], byte[]> record : records) {
                CompletableFuture<Void> ack = new CompletableFuture<>();
                producer.send(record, (metadata, error) -> {
                    if (error == null) {
                        ack.complete(null);
                    } else {
                        ack.completeExceptionally(error);
                    }
                });
                acks.add(ack);
            }
        } catch (RuntimeException e) {
            healthy = false;
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).whenComplete((ok, error) -> {
            healthy = error == null;
        });
    }

    private List<ProducerRecord<byte[], byte[]>> records(SanitizedRequest request) {
        String topic = topics.of(request.signal());
        return switch (request.signal()) {
            case TRACES -> {
                Map<ByteString, ExportTraceServiceRequest> traces =
                        TraceSplitter.byTraceId((ExportTraceServiceRequest) request.request());
                List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(traces.size());
                traces.forEach((traceId, trace) -> records.add(new ProducerRecord<>(
                        topic, HexIds.toHex(traceId).getBytes(StandardCharsets.US_ASCII), trace.toByteArray())));
                yield records;
            }
            case LOGS, METRICS ->
                List.of(new ProducerRecord<>(topic, null, request.request().toByteArray()));
        };
    }

    @Override
    public boolean ready() {
        return healthy;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
