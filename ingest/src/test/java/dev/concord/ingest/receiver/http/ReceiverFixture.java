package dev.concord.ingest.receiver.http;

import dev.concord.ingest.decode.DecodeLimits;
import dev.concord.ingest.decode.OtlpDecoder;
import dev.concord.ingest.receiver.Admission;
import dev.concord.ingest.receiver.Authenticator;
import dev.concord.ingest.receiver.Ingestor;
import dev.concord.ingest.receiver.ReceiverMetrics;
import dev.concord.ingest.receiver.RecordingSink;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A receiver on 127.0.0.1 and an ephemeral port, with a recording sink, a token file and a plain HTTP client. */
final class ReceiverFixture implements AutoCloseable {

    static final String ACME_TOKEN = "acme-secret-token";
    static final String GLOBEX_TOKEN = "globex-secret-token";

    final RecordingSink sink = new RecordingSink();
    final OtlpHttpReceiver receiver;
    final Path tokens;

    ReceiverFixture(Path dir, int maxBodyBytes, int queueCapacity, Duration sinkTimeout) {
        this(dir, maxBodyBytes, queueCapacity, sinkTimeout, OtlpHttpReceiver.DEFAULT_READ_TIMEOUT);
    }

    ReceiverFixture(Path dir, int maxBodyBytes, int queueCapacity, Duration sinkTimeout, Duration readTimeout) {
        this(dir, maxBodyBytes, queueCapacity, sinkTimeout, readTimeout, OtlpHttpReceiver.DEFAULT_HEADER_TIMEOUT);
    }

    ReceiverFixture(
            Path dir,
            int maxBodyBytes,
            int queueCapacity,
            Duration sinkTimeout,
            Duration readTimeout,
            Duration headerTimeout) {
        try {
            tokens = dir.resolve("tokens");
            Files.writeString(
                    tokens,
                    "# tenant  sha256 of the token\n"
                            + "acme sha256:" + sha256(ACME_TOKEN) + "\n"
                            + "globex sha256:" + sha256(GLOBEX_TOKEN) + "  # the second tenant\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Admission admission = new Admission(queueCapacity);
        ReceiverMetrics metrics = new ReceiverMetrics(new PrometheusRegistry(), admission);
        Ingestor ingestor =
                new Ingestor(new OtlpDecoder(Clock.systemUTC(), DecodeLimits.defaults()), sink, metrics, sinkTimeout);
        receiver = OtlpHttpReceiver.builder(
                        ingestor,
                        Authenticator.fromTokensFile(tokens, Clock.systemUTC(), Duration.ZERO),
                        admission,
                        metrics)
                .bindAddress("127.0.0.1")
                .port(0)
                .maxBodyBytes(maxBodyBytes)
                .threads(4)
                .readTimeout(readTimeout)
                .headerTimeout(headerTimeout)
                .start();
    }

    ReceiverFixture(Path dir) {
        this(dir, OtlpHttpReceiver.DEFAULT_MAX_BODY_BYTES, 4, Duration.ofSeconds(5));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + receiver.port();
    }

    HttpResponse<byte[]> post(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).build());
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            // a client per request: a refused request's connection is closed by the receiver, and the JDK client
            // may already have pooled it for the next request
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String token) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        receiver.close();
        sink.close();
    }
}
