package dev.concord.ingest.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ingest.bench.DecodeBenchmark;
import dev.concord.ingest.otlp.HexIds;
import dev.concord.ingest.receiver.IngestServer;
import dev.concord.ingest.receiver.IngestSettings;
import dev.concord.services.RequiresServices;
import dev.concord.services.Service;
import dev.concord.services.ServiceEndpoints;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many senders at once against a receiver with a small queue in front of the real broker: the excess is refused
 * with 429 or 503 and {@code Retry-After}, the heap stays within what the queue and the body limit allow, and every
 * span of every request answered 200 is in Kafka.
 */
@RequiresServices(Service.KAFKA)
class KafkaOverloadIT {

    private static final int QUEUE_CAPACITY = 2;
    private static final int MAX_BODY_BYTES = 256 * 1024;
    private static final int SENDERS = 10;
    private static final Duration LOAD = Duration.ofSeconds(8);
    /** What one request in flight may hold: its body, the parsed request, its cleaned copy, the Kafka records. */
    private static final int HELD_PER_BODY_BYTE = 8;
    /** Allocation noise the collector had not reclaimed yet, the HTTP client's buffers, the test's own sets. */
    private static final long SLACK_BYTES = 48L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aFasterSenderIsRefusedWithRetryAfterWhileHeapStaysBoundedAndNothingAcceptedIsLost(ServiceEndpoints endpoints)
            throws Exception {
        try (KafkaTopicsFixture kafka = new KafkaTopicsFixture(endpoints.kafkaBootstrapServers());
                IngestServer server = IngestServer.start(IngestSettings.builder()
                        .bindAddress("127.0.0.1")
                        .httpPort(0)
                        .grpcPort(-1)
                        .kafka(endpoints.kafkaBootstrapServers())
                        .topics(kafka.topics)
                        .insecureNoAuth(true)
                        .maxBodyBytes(MAX_BODY_BYTES)
                        .queueCapacity(QUEUE_CAPACITY)
                        .build())) {
            URI traces = URI.create("http://127.0.0.1:" + server.httpPort() + "/v1/traces");
            long baseline = usedHeapAfterGc();
            HeapWatch watch = new HeapWatch();
            Thread watcher = new Thread(watch, "heap-watch");
            watcher.setDaemon(true);
            watcher.start();

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger refusedWithoutRetryAfter = new AtomicInteger();
            AtomicInteger other = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            long deadline = System.nanoTime() + LOAD.toNanos();
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int seed = s;
                running.add(senders.submit(() -> {
                    Random random = new Random(seed);
                    HttpClient client = HttpClient.newHttpClient();
                    while (System.nanoTime() < deadline) {
                        ExportTraceServiceRequest request = request(random);
                        try {
                            HttpResponse<Void> response = client.send(
                                    HttpRequest.newBuilder(traces)
                                            .header("Content-Type", "application/x-protobuf")
                                            .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding());
                            int code = response.statusCode();
                            if (code == 200) {
                                acknowledged.addAll(traceIds(request));
                            } else if (code == 429 || code == 503) {
                                refused.incrementAndGet();
                                if (response.headers().firstValue("Retry-After").isEmpty()) {
                                    refusedWithoutRetryAfter.incrementAndGet();
                                }
                            } else {
                                other.incrementAndGet();
                            }
                        } catch (IOException e) {
                            // a refused request's connection may be closed under a pooled client: start afresh
                            client = HttpClient.newHttpClient();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : running) {
                sender.get(LOAD.toSeconds() + 60, TimeUnit.SECONDS);
            }
            senders.shutdown();
            watch.stop();
            watcher.join();

            long bound = (long) QUEUE_CAPACITY * MAX_BODY_BYTES * HELD_PER_BODY_BYTE
                    + KafkaSink.DEFAULT_BUFFER_BYTES
                    + SLACK_BYTES;
            // the figures BENCHMARKS.md quotes; a passing run shows them too
            System.out.printf(
                    "overload: %d spans acknowledged, %d requests refused, live heap growth %d MiB of %d MiB allowed%n",
                    acknowledged.size(), refused.get(), (watch.peak() - baseline) >> 20, bound >> 20);
            assertThat(refused.get()).as("requests refused with 429 or 503").isPositive();
            assertThat(refusedWithoutRetryAfter.get())
                    .as("refusals without Retry-After")
                    .isZero();
            assertThat(other.get()).as("answers other than 200, 429, 503").isZero();
            assertThat(acknowledged).as("spans acknowledged with 200").isNotEmpty();
            assertThat(watch.peak() - baseline)
                    .as("live heap growth under load (baseline %d bytes)", baseline)
                    .isLessThan(bound);

            List<ConsumerRecord<byte[], byte[]>> records =
                    kafka.readAll(kafka.topics.spans(), acknowledged.size(), Duration.ofSeconds(60));
            Set<String> inKafka = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                inKafka.add(new String(record.key(), StandardCharsets.US_ASCII));
            }
            assertThat(inKafka).as("trace ids in Kafka").containsAll(acknowledged);
        }
    }

    /** About 95 KB: two realistic 100-span requests with fresh trace ids, well within the body limit. */
    private static ExportTraceServiceRequest request(Random random) {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        for (int i = 0; i < 2; i++) {
            request.mergeFrom(DecodeBenchmark.realisticRequest(random));
        }
        return request.build();
    }

    private static Set<String> traceIds(ExportTraceServiceRequest request) {
        Set<String> ids = new HashSet<>();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (Span span : scopeSpans.getSpansList()) {
                    ids.add(HexIds.toHex(span.getTraceId()));
                }
            }
        }
        return ids;
    }

    /**
     * The heap in use as the collector left it, read from the pools' collection usage: reading the heap's current use
     * right after {@code System.gc()} would also count whatever the senders allocated in between, at a load that
     * allocates hundreds of megabytes a second.
     */
    private static long usedHeapAfterGc() {
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterCollection = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterCollection != null) {
                used += afterCollection.getUsed();
            }
        }
        return used;
    }

    /** The live heap, sampled after a collection once a second while the load runs. */
    private static final class HeapWatch implements Runnable {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean stopped;

        @Override
        public void run() {
            while (!stopped) {
                peak.accumulateAndGet(usedHeapAfterGc(), Math::max);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() {
            stopped = true;
        }

        long peak() {
            return peak.get();
        }
    }
}
