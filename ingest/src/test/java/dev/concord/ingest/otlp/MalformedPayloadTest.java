package dev.concord.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MalformedPayloadTest {

    private static final byte[] VALID_PROTOBUF =
            io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.newBuilder()
                    .addResourceSpans(io.opentelemetry.proto.trace.v1.ResourceSpans.newBuilder()
                            .addScopeSpans(io.opentelemetry.proto.trace.v1.ScopeSpans.newBuilder()
                                    .addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder()
                                            .setName("checkout"))))
                    .build()
                    .toByteArray();

    static Stream<Arguments> malformed() {
        // 0xC3 starts a two-byte sequence; the quote after it is no continuation byte
        byte[] invalidUtf8Json = bytes("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"#\"}]}]}]}");
        invalidUtf8Json[indexOf(invalidUtf8Json, (byte) '#')] = (byte) 0xC3;
        byte[] invalidUtf8Protobuf = VALID_PROTOBUF.clone();
        invalidUtf8Protobuf[indexOf(invalidUtf8Protobuf, (byte) 'c')] = (byte) 0xFF;
        return Stream.of(
                Arguments.of(
                        "a truncated protobuf body",
                        PayloadFormat.PROTOBUF,
                        Arrays.copyOf(VALID_PROTOBUF, VALID_PROTOBUF.length - 3)),
                Arguments.of("protobuf with an invalid UTF-8 string", PayloadFormat.PROTOBUF, invalidUtf8Protobuf),
                Arguments.of("JSON with invalid UTF-8", PayloadFormat.JSON, invalidUtf8Json),
                Arguments.of("JSON cut in the middle", PayloadFormat.JSON, bytes("{\"resourceSpans\":[{\"scopeSp")),
                Arguments.of("a JSON array instead of an object", PayloadFormat.JSON, bytes("[1,2]")),
                Arguments.of(
                        "a string where an object belongs", PayloadFormat.JSON, bytes("{\"resourceSpans\":[\"x\"]}")),
                Arguments.of(
                        "a span id in base64",
                        PayloadFormat.JSON,
                        bytes("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"7uGbfsPBsXQ=\"}]}]}]}")),
                Arguments.of(
                        "a timestamp that is not a number",
                        PayloadFormat.JSON,
                        bytes(
                                "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"soon\"}]}]}]}")),
                Arguments.of(
                        "JSON nested deeper than any OTLP message",
                        PayloadFormat.JSON,
                        bytes("{\"a\":".repeat(1000) + "1" + "}".repeat(1000))),
                Arguments.of("two JSON objects in one body", PayloadFormat.JSON, bytes("{}{}")));
    }

    @ParameterizedTest(name = "{0} is malformed")
    @MethodSource("malformed")
    void isMalformed(String description, PayloadFormat format, byte[] body) {
        assertThatThrownBy(() -> OtlpSignal.TRACES.parse(body, format)).isInstanceOf(MalformedOtlpException.class);
    }

    @Test
    void anEmptyBodyIsAnEmptyRequestInBothEncodings() throws Exception {
        assertThat(OtlpSignal.TRACES.parse(new byte[0], PayloadFormat.PROTOBUF).getSerializedSize())
                .isZero();
        assertThat(OtlpSignal.TRACES.parse(new byte[0], PayloadFormat.JSON).getSerializedSize())
                .isZero();
        assertThat(OtlpSignal.TRACES.parse(bytes("{}"), PayloadFormat.JSON).getSerializedSize())
                .isZero();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }
}
