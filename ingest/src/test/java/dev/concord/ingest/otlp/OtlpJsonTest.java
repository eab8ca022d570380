package dev.concord.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OtlpJsonTest {

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = OtlpJsonTest.class.getResourceAsStream("/otlp/" + name)) {
            return in.readAllBytes();
        }
    }

    private static ExportTraceServiceRequest traces(String json) throws MalformedOtlpException {
        return (ExportTraceServiceRequest)
                OtlpSignal.TRACES.parse(json.getBytes(StandardCharsets.UTF_8), PayloadFormat.JSON);
    }

    @Test
    void idsAreReadAsHexNotBase64() throws Exception {
        ExportTraceServiceRequest request =
                (ExportTraceServiceRequest) OtlpSignal.TRACES.parse(sample("traces.json"), PayloadFormat.JSON);

        var span = request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
        assertThat(span.getTraceId().toByteArray())
                .isEqualTo(HexFormat.of().parseHex("5b8efff798038103d269b633813fc60c"));
        assertThat(span.getSpanId().toByteArray()).isEqualTo(HexFormat.of().parseHex("eee19b7ec3c1b174"));
        assertThat(span.getFlags()).isEqualTo(257);
    }

    @Test
    void sixtyFourBitIntegersAreReadFromStringsAndFromNumbers() throws Exception {
        var span = traces(
                        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"18446744073709551615\","
                                + "\"endTimeUnixNano\":1767604200250000000}]}]}]}")
                .getResourceSpans(0)
                .getScopeSpans(0)
                .getSpans(0);

        assertThat(Long.toUnsignedString(span.getStartTimeUnixNano())).isEqualTo("18446744073709551615");
        assertThat(span.getEndTimeUnixNano()).isEqualTo(1_767_604_200_250_000_000L);
    }

    @Test
    void enumsAreReadAsIntegersAndAlsoByName() throws Exception {
        var spans = traces(
                        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"kind\":3},{\"kind\":\"SPAN_KIND_CLIENT\"},{\"kind\":42}]}]}]}")
                .getResourceSpans(0)
                .getScopeSpans(0)
                .getSpansList();

        assertThat(spans).extracting(s -> s.getKindValue()).containsExactly(3, 3, 42);
    }

    @Test
    void protoFieldNamesAreAcceptedBesideLowerCamelCase() throws Exception {
        var span = traces(
                        "{\"resource_spans\":[{\"scope_spans\":[{\"spans\":[{\"trace_id\":\"5b8efff798038103d269b633813fc60c\"}]}]}]}")
                .getResourceSpans(0)
                .getScopeSpans(0)
                .getSpans(0);

        assertThat(span.getTraceId().size()).isEqualTo(16);
    }

    @Test
    void aBase64TraceIdIsMalformed() {
        assertThatThrownBy(
                        () -> traces(
                                "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"W47/95gDgQPSabYzgT/GDA==\"}]}]}]}"))
                .isInstanceOf(MalformedOtlpException.class)
                .hasMessageContaining("traceId must be 32 hex digits")
                .hasMessageContaining("not base64");
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBackUnchanged() throws Exception {
        Message original = OtlpSignal.TRACES.parse(sample("traces.json"), PayloadFormat.JSON);

        byte[] json = OtlpJsonWriter.toJson(original);

        assertThat(OtlpSignal.TRACES.parse(json, PayloadFormat.JSON)).isEqualTo(original);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"traceId\":\"5b8efff798038103d269b633813fc60c\"")
                .contains("\"startTimeUnixNano\":\"1767604200000000000\"")
                .contains("\"kind\":2");
    }
}
