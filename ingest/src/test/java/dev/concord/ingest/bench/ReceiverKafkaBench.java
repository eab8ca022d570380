package dev.concord.ingest.bench;

import dev.concord.ingest.receiver.IngestServer;
import dev.concord.ingest.receiver.IngestSettings;
import dev.concord.ingest.sink.KafkaTopics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * End-to-end spans per second of {@code concord ingest}: OTLP/HTTP protobuf requests of 100 realistic spans from
 * client threads, through the receiver, into the real broker, each answered only after Kafka acknowledged. Receiver
 * and clients share the JVM (and the machine). Fresh topics per run, deleted at the end.
 *
 * <p>{@code java ... ReceiverKafkaBench [bootstrap=127.0.0.1:19092] [seconds=20] [clients=8] [warmupSeconds=10]}
 */
public final class ReceiverKafkaBench {

    private static final int DISTINCT_REQUESTS = 64;

    private ReceiverKafkaBench() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:19092";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        String suffix = "-bench-" + UUID.randomUUID();
        KafkaTopics topics = new KafkaTopics("otlp_spans" + suffix, "otlp_logs" + suffix, "otlp_metrics" + suffix);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(
                            new NewTopic(topics.spans(), 3, (short) 1),
                            new NewTopic(topics.logs(), 1, (short) 1),
                            new NewTopic(topics.metrics(), 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            try {
                run(bootstrap, topics, seconds, clients, warmup);
            } finally {
                admin.deleteTopics(List.of(topics.spans(), topics.logs(), topics.metrics()))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(String bootstrap, KafkaTopics topics, int seconds, int clients, int warmup)
            throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < DISTINCT_REQUESTS; i++) {
            bodies.add(DecodeBenchmark.realisticRequest(random).toByteArray());
        }
        try (IngestServer server = IngestServer.start(IngestSettings.builder()
                .bindAddress("127.0.0.1")
                .httpPort(0)
                .grpcPort(-1)
                .kafka(bootstrap)
                .topics(topics)
                .insecureNoAuth(true)
                .build())) {
            URI traces = URI.create("http://127.0.0.1:" + server.httpPort() + "/v1/traces");
            measure("warm-up", traces, bodies, clients, warmup);
            measure("measured", traces, bodies, clients, seconds);
        }
    }

    private static void measure(String phase, URI traces, List<byte[]> bodies, int clients, int seconds)
            throws Exception {
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            running.add(pool.submit(() -> {
                HttpClient client = HttpClient.newHttpClient();
                for (int i = offset; System.nanoTime() < deadline; i++) {
                    byte[] body = bodies.get(i % bodies.size());
                    try {
                        int code = client.send(
                                        HttpRequest.newBuilder(traces)
                                                .header("Content-Type", "application/x-protobuf")
                                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        if (code == 200) {
                            accepted.incrementAndGet();
                        } else {
                            refused.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                        client = HttpClient.newHttpClient();
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%s: %,.0f spans/s accepted (%,.0f requests/s of %d spans, %d clients, %.1f s); %d refused, %d failed%n",
                phase,
                accepted.get() * DecodeBenchmark.SPANS / elapsed,
                accepted.get() / elapsed,
                DecodeBenchmark.SPANS,
                clients,
                elapsed,
                refused.get(),
                failed.get());
    }
}
