package dev.concord.ingest.receiver.http;

import static dev.concord.ingest.receiver.http.Requests.JSON;
import static dev.concord.ingest.receiver.http.Requests.PROTOBUF;
import static dev.concord.ingest.receiver.http.Requests.attribute;
import static dev.concord.ingest.receiver.http.Requests.oneSpan;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each bad input with its documented answer; after each, the receiver still accepts a good request. The body limit
 * is 1 MiB here (20 MiB by default) to keep the test light; the bomb inflates to 64 MiB.
 */
class BadInputTableTest {

    private static final int LIMIT = 4 * 1024 * 1024;
    private static final String AUTH = "Bearer " + ReceiverFixture.ACME_TOKEN;

    @TempDir
    static Path dir;

    private static ReceiverFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ReceiverFixture(dir, LIMIT, 4, Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    record Case(String contentType, byte[] body, String[] headers, int status, long rejectedSpans) {}

    static Arguments row(
            String sentence, String contentType, byte[] body, int status, long rejected, String... headers) {
        return Arguments.of(sentence, new Case(contentType, body, headers, status, rejected));
    }

    static Stream<Arguments> badInput() {
        byte[] valid = oneSpan(s -> s);
        byte[] invalidUtf8 = oneSpan(s -> s.setName("ok-name"));
        int at = indexOf(invalidUtf8, "ok-name".getBytes(StandardCharsets.UTF_8));
        invalidUtf8[at] = (byte) 0xFF;
        long now = System.currentTimeMillis() * 1_000_000L;
        long tomorrow = now + 86_400_000_000_000L;
        return Stream.of(
                row(
                        "a truncated protobuf body is answered 400",
                        PROTOBUF,
                        Arrays.copyOf(valid, valid.length - 5),
                        400,
                        0),
                row("a wrong content type is answered 415", "text/plain", valid, 415, 0),
                row(
                        "a gzip bomb is answered 413 once it inflates past the limit",
                        PROTOBUF,
                        Requests.gzipBomb(64 << 20),
                        413,
                        0,
                        "Content-Encoding",
                        "gzip"),
                row("an oversized body is answered 413", PROTOBUF, new byte[LIMIT + 1], 413, 0),
                row(
                        "base64 ids in JSON are answered 400",
                        JSON,
                        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"W47/95gDgQPSabYzgT/GDA==\",\"spanId\":\"7uGbfsPBsXQ=\"}]}]}]}"
                                .getBytes(StandardCharsets.UTF_8),
                        400,
                        0),
                row(
                        "a resource without service.name is accepted as unknown",
                        PROTOBUF,
                        Requests.traces(Requests.resource(attribute("cloud.provider", "aws")), Requests.span("x"))
                                .toByteArray(),
                        200,
                        0),
                row("invalid UTF-8 in a protobuf string is answered 400", PROTOBUF, invalidUtf8, 400, 0),
                row(
                        "a 1 MB attribute value is accepted and cut",
                        PROTOBUF,
                        oneSpan(s -> s.addAttributes(attribute("payload", "x".repeat(1_000_000)))),
                        200,
                        0),
                row(
                        "10 000 attributes on one span are accepted and trimmed",
                        PROTOBUF,
                        oneSpan(s -> {
                            for (int i = 0; i < 10_000; i++) {
                                s.addAttributes(attribute("a" + i, "v"));
                            }
                            return s;
                        }),
                        200,
                        0),
                row(
                        "a span that ends before it starts is a partial success with one rejected",
                        PROTOBUF,
                        oneSpan(s -> s.setStartTimeUnixNano(now).setEndTimeUnixNano(now - 1)),
                        200,
                        1),
                row(
                        "a timestamp in the far future is a partial success with one rejected",
                        PROTOBUF,
                        oneSpan(s -> s.setStartTimeUnixNano(tomorrow).setEndTimeUnixNano(tomorrow + 1)),
                        200,
                        1),
                row("an empty request is answered 200", PROTOBUF, new byte[0], 200, 0),
                row("an empty JSON object is answered 200", JSON, "{}".getBytes(StandardCharsets.UTF_8), 200, 0),
                row(
                        "an unsupported content encoding is answered 415",
                        PROTOBUF,
                        valid,
                        415,
                        0,
                        "Content-Encoding",
                        "br"),
                row(
                        "a body that claims gzip but is not is answered 400",
                        PROTOBUF,
                        valid,
                        400,
                        0,
                        "Content-Encoding",
                        "gzip"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void answersAsDocumentedAndKeepsServing(String sentence, Case input) throws Exception {
        String[] headers = Stream.concat(Stream.of("Authorization", AUTH), Arrays.stream(input.headers()))
                .toArray(String[]::new);

        HttpResponse<byte[]> response = fixture.post("/v1/traces", input.contentType(), input.body(), headers);

        assertThat(response.statusCode()).isEqualTo(input.status());
        if (input.status() == 200 && input.contentType().equals(PROTOBUF)) {
            ExportTraceServiceResponse answer = ExportTraceServiceResponse.parseFrom(response.body());
            assertThat(answer.getPartialSuccess().getRejectedSpans()).isEqualTo(input.rejectedSpans());
            if (input.rejectedSpans() > 0) {
                assertThat(answer.getPartialSuccess().getErrorMessage()).startsWith("1 item was rejected; first: span");
            }
        }
        if (input.status() == 400) {
            assertThat(response.headers().firstValue("Content-Type")).hasValue(input.contentType());
        }
        HttpResponse<byte[]> next = fixture.post("/v1/traces", PROTOBUF, oneSpan(s -> s), "Authorization", AUTH);
        assertThat(next.statusCode()).as("the receiver keeps serving").isEqualTo(200);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
