package dev.concord.ingest.receiver.http;

import static dev.concord.ingest.receiver.http.Requests.PROTOBUF;
import static dev.concord.ingest.receiver.http.Requests.oneSpan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ingest.decode.OtlpDecoder;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.receiver.RecordingSink;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiverBehaviourTest {

    private static final String ACME = "Bearer " + ReceiverFixture.ACME_TOKEN;

    @TempDir
    Path dir;

    @Test
    void aRequestWithoutATokenIsAnswered401AndStoresNothing() {
        try (ReceiverFixture fixture = new ReceiverFixture(dir)) {
            HttpResponse<byte[]> response = fixture.post("/v1/traces", PROTOBUF, oneSpan(s -> s));

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(fixture.sink.written()).isEmpty();
        }
    }

    @Test
    void aTokenAddedToTheTokensFileIsAcceptedWithoutARestart() throws Exception {
        try (ReceiverFixture fixture = new ReceiverFixture(dir)) {
            assertThat(fixture.post("/v1/traces", PROTOBUF, oneSpan(s -> s), "Authorization", "Bearer new-token")
                            .statusCode())
                    .isEqualTo(401);

            Files.writeString(
                    fixture.tokens,
                    "initech sha256:" + ReceiverFixture.sha256("new-token") + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
            Files.setLastModifiedTime(
                    fixture.tokens, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));

            assertThat(fixture.post("/v1/traces", PROTOBUF, oneSpan(s -> s), "Authorization", "Bearer new-token")
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aSinkThatFailsIsAnswered503WithRetryAfterAndNotReady() {
        try (ReceiverFixture fixture = new ReceiverFixture(dir)) {
            fixture.sink.mode(RecordingSink.Mode.FAIL);

            HttpResponse<byte[]> response =
                    fixture.post("/v1/traces", PROTOBUF, oneSpan(s -> s), "Authorization", ACME);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(fixture.get("/readyz").statusCode()).isEqualTo(503);
            assertThat(fixture.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aFullQueueIsAnswered429WithRetryAfterAndWhatWasAcceptedIsKept() throws Exception {
        try (ReceiverFixture fixture = new ReceiverFixture(dir, 1 << 20, 2, Duration.ofSeconds(30))) {
            fixture.sink.mode(RecordingSink.Mode.HOLD);
            List<CompletableFuture<HttpResponse<byte[]>>> held = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                held.add(CompletableFuture.supplyAsync(
                        () -> fixture.post("/v1/traces", PROTOBUF, oneSpan(s -> s), "Authorization", ACME)));
            }
            awaitQueueDepth(fixture, 2);

            HttpResponse<byte[]> overflow =
                    fixture.post("/v1/traces", PROTOBUF, oneSpan(s -> s), "Authorization", ACME);

            assertThat(overflow.statusCode()).isEqualTo(429);
            assertThat(overflow.headers().firstValue("Retry-After")).hasValue("1");
            fixture.sink.releaseHeld();
            for (var response : held) {
                assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            assertThat(fixture.sink.written()).hasSize(2);
        }
    }

    @Test
    void aJsonRequestIsAnsweredInJsonWithPartialSuccess() {
        try (ReceiverFixture fixture = new ReceiverFixture(dir)) {
            long now = System.currentTimeMillis() * 1_000_000L;
            String body =
                    "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"a\"}}]},"
                            + "\"scopeSpans\":[{\"spans\":[{\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"eee19b7ec3c1b174\","
                            + "\"name\":\"backwards\",\"startTimeUnixNano\":\"" + now + "\",\"endTimeUnixNano\":\""
                            + (now - 5) + "\"}]}]}]}";

            HttpResponse<byte[]> response = fixture.post(
                    "/v1/traces", Requests.JSON, body.getBytes(StandardCharsets.UTF_8), "Authorization", ACME);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(new String(response.body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"partialSuccess\":{\"rejectedSpans\":\"1\",\"errorMessage\":"
                            + "\"1 item was rejected; first: span 'backwards' ends before it starts\"}}");
        }
    }

    @Test
    void aFullSuccessIsAnEmptyProtobufResponse() throws Exception {
        try (ReceiverFixture fixture = new ReceiverFixture(dir)) {
            HttpResponse<byte[]> response =
                    fixture.post("/v1/traces", PROTOBUF, oneSpan(s -> s), "Authorization", ACME);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
            assertThat(ExportTraceServiceResponse.parseFrom(response.body()).hasPartialSuccess())
                    .isFalse();
        }
    }

    @Test
    void probeResultsPostedAsJsonKeepTheValidItemsAndReportTheInvalidOnesByIndex() {
        try (ReceiverFixture fixture = new ReceiverFixture(dir)) {
            String body =
                    "[{\"probe\":\"checkout-journey\",\"vantagePoint\":\"eu-west-probe\",\"targetCloudProvider\":\"aws\","
                            + "\"targetCloudRegion\":\"us-east-1\",\"transaction\":\"order-to-fulfillment\",\"success\":false,"
                            + "\"durationMillis\":850,\"failedStep\":\"reserve-stock\",\"timestamp\":\"2026-01-05T09:10:00Z\"},"
                            + "{\"probe\":\"checkout-journey\",\"success\":\"yes\",\"timestamp\":\"yesterday\"}]";

            HttpResponse<byte[]> response = fixture.post(
                    "/v1/probes", Requests.JSON, body.getBytes(StandardCharsets.UTF_8), "Authorization", ACME);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"accepted\":1,\"rejected\":1,\"errors\":[{\"index\":1,\"message\":"
                            + "\"vantagePoint must be a non-empty string; targetCloudProvider must be a non-empty string; "
                            + "targetCloudRegion must be a non-empty string; success must be true or false; "
                            + "durationMillis must be a number >= 0; "
                            + "timestamp must be an ISO-8601 instant or epoch milliseconds\"}]}");
            List<ProbeResult> probes = fixture.sink.written().stream()
                    .flatMap(r -> OtlpDecoder.toCanonical(r).probes().stream())
                    .toList();
            assertThat(probes).singleElement().satisfies(probe -> {
                assertThat(probe.probeName()).isEqualTo("checkout-journey");
                assertThat(probe.targetCloudRegion()).isEqualTo("us-east-1");
                assertThat(probe.success()).isFalse();
                assertThat(probe.durationNanos()).isEqualTo(850_000_000L);
                assertThat(probe.failedStep()).isEqualTo("reserve-stock");
                assertThat(probe.timeUnixNano()).isEqualTo(1_767_604_200_000_000_000L);
                assertThat(probe.resource().tenantId()).isEqualTo("acme");
            });
        }
    }

    @Test
    void aProbesBodyThatIsNotAnArrayIsAnswered400() {
        try (ReceiverFixture fixture = new ReceiverFixture(dir)) {
            HttpResponse<byte[]> response = fixture.post(
                    "/v1/probes",
                    Requests.JSON,
                    "{\"probe\":1}".getBytes(StandardCharsets.UTF_8),
                    "Authorization",
                    ACME);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(new String(response.body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"code\":3,\"message\":\"expected a JSON array of probe results\"}");
        }
    }

    @Test
    void metricsCountItemsBySignalAndReasonWithConcordNames() {
        try (ReceiverFixture fixture = new ReceiverFixture(dir)) {
            long now = System.currentTimeMillis() * 1_000_000L;
            fixture.post("/v1/traces", PROTOBUF, oneSpan(s -> s), "Authorization", ACME);
            fixture.post(
                    "/v1/traces",
                    PROTOBUF,
                    oneSpan(s -> s.setStartTimeUnixNano(now).setEndTimeUnixNano(now - 1)),
                    "Authorization",
                    ACME);

            String metrics = new String(fixture.get("/metrics").body(), StandardCharsets.UTF_8);

            assertThat(metrics)
                    .contains("concord_ingest_items_received_total{signal=\"traces\"} 2.0")
                    .contains("concord_ingest_items_accepted_total{signal=\"traces\"} 1.0")
                    .contains("concord_ingest_items_rejected_total{reason=\"end_before_start\",signal=\"traces\"} 1.0")
                    .contains("concord_ingest_requests_total{code=\"200\",signal=\"traces\",transport=\"http\"} 2.0")
                    .contains("concord_ingest_request_duration_seconds_bucket")
                    .contains("concord_ingest_request_bytes_total{signal=\"traces\",transport=\"http\"}")
                    .contains("concord_ingest_queue_depth_requests 0.0")
                    .contains("concord_ingest_queue_bytes 0.0");
        }
    }

    private static void awaitQueueDepth(ReceiverFixture fixture, int depth) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String metrics = new String(fixture.get("/metrics").body(), StandardCharsets.UTF_8);
            if (metrics.contains("concord_ingest_queue_depth_requests " + depth + ".0")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the queue never reached depth " + depth);
    }
}
