package dev.concord.ingest.decode;

import static dev.concord.ingest.decode.OtlpSamples.NOW;
import static dev.concord.ingest.decode.OtlpSamples.START_NANOS;
import static dev.concord.ingest.decode.OtlpSamples.attribute;
import static dev.concord.ingest.decode.OtlpSamples.resource;
import static dev.concord.ingest.decode.OtlpSamples.span;
import static dev.concord.ingest.decode.OtlpSamples.traces;
import static dev.concord.ingest.decode.OtlpSamples.warehouseInAws;
import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.ResourceIdentity;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.model.SpanKind;
import dev.concord.ingest.model.StatusCode;
import dev.concord.ingest.otlp.MalformedOtlpException;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.otlp.PayloadFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TraceDecodingTest {

    private final OtlpDecoder decoder = new OtlpDecoder(NOW, DecodeLimits.defaults());

    private CanonicalBatch decode(ExportTraceServiceRequest request) throws MalformedOtlpException {
        byte[] body = request.toByteArray();
        return decoder.decode(OtlpSignal.TRACES, body, body.length, PayloadFormat.PROTOBUF);
    }

    @Test
    void anOtlpJsonSampleWithHexIdsStringIntegersAndUnknownFieldsDecodesToTheCanonicalSpan() throws Exception {
        byte[] json = OtlpSamples.resourceBytes("traces.json");

        CanonicalBatch batch = decoder.decode(OtlpSignal.TRACES, json, json.length, PayloadFormat.JSON);

        assertThat(batch.spans()).singleElement().satisfies(span -> {
            assertThat(span.resource())
                    .isEqualTo(new ResourceIdentity(
                            "warehouse-api", "1.4.2", "aws", "us-east-1", "production", "unknown"));
            assertThat(span.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
            assertThat(span.spanId()).isEqualTo("eee19b7ec3c1b174");
            assertThat(span.root()).isTrue();
            assertThat(span.kind()).isEqualTo(SpanKind.SERVER);
            assertThat(span.startTimeUnixNano()).isEqualTo(1_767_604_200_000_000_000L);
            assertThat(span.endTimeUnixNano()).isEqualTo(1_767_604_200_250_000_000L);
            assertThat(span.status()).isEqualTo(StatusCode.ERROR);
            assertThat(span.statusMessage()).isEqualTo("warehouse unavailable");
            assertThat(span.businessTransaction()).isEqualTo("order-to-fulfillment");
            assertThat(span.businessTransactionId()).isEqualTo("order-42");
            assertThat(span.businessTransactionStage()).isEqualTo("warehouse-reservation");
            assertThat(span.adjustedCount()).isEqualTo(2.0);
            assertThat(span.attributes())
                    .containsEntry("http.response.status_code", "503")
                    .containsEntry("retry", "true")
                    .containsEntry("weights", "[0.5,\"x\"]")
                    .containsEntry("host.name", "ip-10-0-0-7")
                    .doesNotContainKeys("business.transaction", "service.name", "deployment.environment");
        });
    }

    @Test
    void theDeprecatedDeploymentEnvironmentIsRenamedInTheForwardedRequest() {
        ExportTraceServiceRequest request = traces(
                resource(attribute("service.name", "a"), attribute("deployment.environment", "staging")), span("x"));

        SanitizedRequest sanitized = decoder.sanitize(OtlpSignal.TRACES, request, Optional.empty());

        ExportTraceServiceRequest clean = (ExportTraceServiceRequest) sanitized.request();
        assertThat(clean.getResourceSpans(0).getResource().getAttributesList())
                .extracting(kv -> kv.getKey() + "=" + kv.getValue().getStringValue())
                .containsExactly("service.name=a", "deployment.environment.name=staging");
        assertThat(sanitized.report().adjusted()).containsEntry(Adjustment.DEPRECATED_ENVIRONMENT_RENAMED, 1);
    }

    @Test
    void theAuthenticatedTenantOverwritesTheTenantThePayloadClaimsAndIsCounted() {
        ExportTraceServiceRequest request = traces(warehouseInAws(), span("a"), span("b"));

        SanitizedRequest sanitized = decoder.sanitize(OtlpSignal.TRACES, request, Optional.of("globex"));

        assertThat(OtlpDecoder.toCanonical(sanitized).spans())
                .extracting(s -> s.resource().tenantId())
                .containsExactly("globex", "globex");
        assertThat(sanitized.report().adjusted()).containsEntry(Adjustment.TENANT_OVERRIDDEN, 2);
    }

    @Test
    void aProbeSpanDecodesIntoAProbeResultInsteadOfASpan() throws Exception {
        ExportTraceServiceRequest request = traces(
                resource(attribute("service.name", "prober"), attribute("cloud.provider", "azure")),
                span("checkout journey")
                        .addAttributes(attribute("user_agent.synthetic.type", "test"))
                        .addAttributes(attribute("synthetic.probe.name", "checkout-journey"))
                        .addAttributes(attribute("synthetic.vantage_point", "eu-west-probe"))
                        .addAttributes(attribute("synthetic.target.cloud.provider", "gcp"))
                        .addAttributes(attribute("synthetic.target.cloud.region", "us-central1"))
                        .addAttributes(attribute("business.transaction", "order-to-fulfillment"))
                        .addAttributes(attribute("synthetic.probe.failed_step", "reserve-stock"))
                        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)));

        CanonicalBatch batch = decode(request);

        assertThat(batch.spans()).isEmpty();
        assertThat(batch.probes())
                .containsExactly(new ProbeResult(
                        new ResourceIdentity("prober", null, "azure", null, null, null),
                        START_NANOS,
                        "checkout-journey",
                        "eu-west-probe",
                        "gcp",
                        "us-central1",
                        "order-to-fulfillment",
                        false,
                        250_000_000L,
                        "reserve-stock"));
    }

    @Test
    void syntheticTrafficWithoutAProbeNameStaysASpan() throws Exception {
        CanonicalBatch batch = decode(
                traces(warehouseInAws(), span("bot hit").addAttributes(attribute("user_agent.synthetic.type", "bot"))));

        assertThat(batch.spans()).hasSize(1);
        assertThat(batch.probes()).isEmpty();
    }

    @Test
    void theAdjustedCountComesFromTheTracestateThresholdBeforeTheAttribute() throws Exception {
        CanonicalBatch batch = decode(traces(
                warehouseInAws(),
                span("quarter").setTraceState("vendor=x,ot=th:c;rv:abcdef"),
                span("attribute").addAttributes(attribute("sampling.adjusted_count", "10")),
                span("both").setTraceState("ot=th:8").addAttributes(attribute("sampling.adjusted_count", "10")),
                span("unsampled"),
                span("garbage").setTraceState("ot=th:zz")));

        assertThat(batch.spans()).extracting(Span::adjustedCount).containsExactly(4.0, 10.0, 2.0, 1.0, 1.0);
    }

    @Test
    void aSpanThatEndsBeforeItStartsIsRejectedWhileTheOthersAreKept() {
        ExportTraceServiceRequest request =
                traces(warehouseInAws(), span("backwards").setEndTimeUnixNano(START_NANOS - 1), span("fine"));

        SanitizedRequest sanitized = decoder.sanitize(OtlpSignal.TRACES, request, Optional.empty());

        assertThat(OtlpDecoder.toCanonical(sanitized).spans())
                .extracting(Span::name)
                .containsExactly("fine");
        assertThat(sanitized.report().rejected())
                .containsExactly(java.util.Map.entry(RejectReason.END_BEFORE_START, 1));
        assertThat(sanitized.report().rejectionMessage())
                .isEqualTo("1 item was rejected; first: span 'backwards' ends before it starts");
    }

    @Test
    void aSpanFromTheFarFutureIsRejected() {
        long tomorrow = NOW.millis() * 1_000_000L + 86_400_000_000_000L;
        ExportTraceServiceRequest request = traces(
                warehouseInAws(), span("future").setStartTimeUnixNano(tomorrow).setEndTimeUnixNano(tomorrow + 1));

        SanitizedRequest sanitized = decoder.sanitize(OtlpSignal.TRACES, request, Optional.empty());

        assertThat(sanitized.report().rejected()).containsEntry(RejectReason.FUTURE_TIMESTAMP, 1);
        assertThat(OtlpDecoder.toCanonical(sanitized).size()).isZero();
    }

    @Test
    void aOneMegabyteAttributeValueIsCutToTheLimit() throws Exception {
        SanitizedRequest sanitized = decoder.sanitize(
                OtlpSignal.TRACES,
                traces(warehouseInAws(), span("big").addAttributes(attribute("payload", "x".repeat(1 << 20)))),
                Optional.empty());

        assertThat(OtlpDecoder.toCanonical(sanitized)
                        .spans()
                        .get(0)
                        .attributes()
                        .get("payload"))
                .hasSize(DecodeLimits.DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH);
        assertThat(sanitized.report().adjusted()).containsEntry(Adjustment.ATTRIBUTE_VALUE_TRUNCATED, 1);
    }

    @Test
    void tenThousandAttributesOnOneSpanAreCutToTheLimitAndTheDroppedOnesCounted() {
        var span = span("wide");
        for (int i = 0; i < 10_000; i++) {
            span.addAttributes(attribute("a" + i, "v"));
        }

        SanitizedRequest sanitized =
                decoder.sanitize(OtlpSignal.TRACES, traces(warehouseInAws(), span), Optional.empty());

        var clean = ((ExportTraceServiceRequest) sanitized.request())
                .getResourceSpans(0)
                .getScopeSpans(0)
                .getSpans(0);
        assertThat(clean.getAttributesCount()).isEqualTo(DecodeLimits.DEFAULT_MAX_ATTRIBUTES);
        assertThat(clean.getDroppedAttributesCount()).isEqualTo(10_000 - DecodeLimits.DEFAULT_MAX_ATTRIBUTES);
        assertThat(sanitized.report().accepted()).isEqualTo(1);
    }

    @Test
    void aResourceWithoutServiceNameIsKeptAsUnknownAndCounted() {
        SanitizedRequest sanitized = decoder.sanitize(
                OtlpSignal.TRACES, traces(resource(attribute("cloud.provider", "aws")), span("x")), Optional.empty());

        assertThat(OtlpDecoder.toCanonical(sanitized).spans().get(0).resource().serviceName())
                .isEqualTo("unknown");
        assertThat(sanitized.report().adjusted()).containsEntry(Adjustment.MISSING_SERVICE_NAME, 1);
    }
}
