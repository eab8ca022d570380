package dev.concord.ingest.receiver.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.concord.ingest.Conventions;
import dev.concord.ingest.otlp.MalformedOtlpException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;

/**
 * {@code POST /v1/probes}: probe results from tools that do not speak OTLP, as a JSON array of objects:
 *
 * <pre>{@code
 * [{"probe": "checkout-journey", "vantagePoint": "eu-west-probe",
 *   "targetCloudProvider": "aws", "targetCloudRegion": "us-east-1",
 *   "transaction": "order-to-fulfillment",        (optional)
 *   "success": false, "durationMillis": 850,
 *   "failedStep": "reserve-stock",                 (optional)
 *   "timestamp": "2026-01-05T09:10:00Z"}]          (ISO-8601, or epoch milliseconds)
 * }</pre>
 *
 * Each valid item becomes the probe span an OTLP prober would have sent, so probes travel the same topic and decode
 * the same way; each invalid item is reported by index and the others are kept.
 */
public final class ProbeJson {

    /** The {@code service.name} of the resource probe results posted here are recorded under. */
    public static final String SERVICE_NAME = "concord-probe-api";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Random> random;

    private ProbeJson(Supplier<Random> random) {
        this.random = random;
    }

    public static ProbeJson withRandomIds() {
        SecureRandom shared = new SecureRandom();
        return new ProbeJson(() -> shared);
    }

    /** For tests: ids from a seeded generator. */
    public static ProbeJson withIds(Random random) {
        Objects.requireNonNull(random, "random");
        return new ProbeJson(() -> random);
    }

    /** One invalid item. */
    public record ItemError(int index, String message) {}

    /** The valid items as an OTLP request, and the invalid ones. */
    public record Parsed(ExportTraceServiceRequest request, int valid, List<ItemError> errors) {}

    public Parsed parse(byte[] body, int length) throws MalformedOtlpException {
        JsonNode root;
        try {
            root = JSON.readTree(body, 0, length);
        } catch (JsonProcessingException e) {
            throw new MalformedOtlpException("invalid JSON", e);
        } catch (IOException e) {
            throw new MalformedOtlpException("unreadable body", e);
        }
        if (root == null || !root.isArray()) {
            throw new MalformedOtlpException("expected a JSON array of probe results");
        }
        ScopeSpans.Builder spans = ScopeSpans.newBuilder();
        List<ItemError> errors = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            List<String> problems = new ArrayList<>();
            Span span = toSpan(root.get(i), problems);
            if (problems.isEmpty()) {
                spans.addSpans(span);
            } else {
                errors.add(new ItemError(i, String.join("; ", problems)));
            }
        }
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        if (spans.getSpansCount() > 0) {
            request.addResourceSpans(ResourceSpans.newBuilder()
                    .setResource(Resource.newBuilder().addAttributes(attribute(Conventions.SERVICE_NAME, SERVICE_NAME)))
                    .addScopeSpans(spans));
        }
        return new Parsed(request.build(), spans.getSpansCount(), List.copyOf(errors));
    }

    private Span toSpan(JsonNode item, List<String> problems) {
        if (item == null || !item.isObject()) {
            problems.add("expected an object");
            return null;
        }
        String probe = requiredText(item, "probe", problems);
        String vantage = requiredText(item, "vantagePoint", problems);
        String provider = requiredText(item, "targetCloudProvider", problems);
        String region = requiredText(item, "targetCloudRegion", problems);
        JsonNode success = item.get("success");
        if (success == null || !success.isBoolean()) {
            problems.add("success must be true or false");
        }
        JsonNode duration = item.get("durationMillis");
        if (duration == null || !duration.isNumber() || duration.asDouble() < 0) {
            problems.add("durationMillis must be a number >= 0");
        }
        long start = timestamp(item.get("timestamp"), problems);
        if (!problems.isEmpty()) {
            return null;
        }
        long end = start + Math.round(duration.asDouble() * 1_000_000d);
        Span.Builder span = Span.newBuilder()
                .setTraceId(randomId(16))
                .setSpanId(randomId(8))
                .setName(probe)
                .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                .setStartTimeUnixNano(start)
                .setEndTimeUnixNano(end)
                .addAttributes(attribute(Conventions.USER_AGENT_SYNTHETIC_TYPE, Conventions.SYNTHETIC_TYPE_TEST))
                .addAttributes(attribute(Conventions.SYNTHETIC_PROBE_NAME, probe))
                .addAttributes(attribute(Conventions.SYNTHETIC_VANTAGE_POINT, vantage))
                .addAttributes(attribute(Conventions.SYNTHETIC_TARGET_CLOUD_PROVIDER, provider))
                .addAttributes(attribute(Conventions.SYNTHETIC_TARGET_CLOUD_REGION, region));
        optionalText(item, "transaction")
                .ifPresent(t -> span.addAttributes(attribute(Conventions.BUSINESS_TRANSACTION, t)));
        optionalText(item, "failedStep")
                .ifPresent(s -> span.addAttributes(attribute(Conventions.SYNTHETIC_PROBE_FAILED_STEP, s)));
        span.setStatus(Status.newBuilder()
                .setCode(success.asBoolean() ? Status.StatusCode.STATUS_CODE_OK : Status.StatusCode.STATUS_CODE_ERROR));
        return span.build();
    }

    private static String requiredText(JsonNode item, String field, List<String> problems) {
        JsonNode value = item.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            problems.add(field + " must be a non-empty string");
            return "";
        }
        return value.asText();
    }

    private static java.util.Optional<String> optionalText(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? java.util.Optional.of(value.asText())
                : java.util.Optional.empty();
    }

    private static long timestamp(JsonNode value, List<String> problems) {
        if (value != null && value.isIntegralNumber() && value.asLong() > 0) {
            return Math.multiplyExact(value.asLong(), 1_000_000L);
        }
        if (value != null && value.isTextual()) {
            try {
                Instant instant = Instant.parse(value.asText());
                return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
            } catch (DateTimeParseException | ArithmeticException e) {
                // reported below
            }
        }
        problems.add("timestamp must be an ISO-8601 instant or epoch milliseconds");
        return 0;
    }

    private ByteString randomId(int bytes) {
        byte[] id = new byte[bytes];
        Random source = random.get();
        do {
            source.nextBytes(id);
        } while (allZero(id));
        return ByteString.copyFrom(id);
    }

    private static boolean allZero(byte[] id) {
        for (byte b : id) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder()
                .setKey(key)
                .setValue(AnyValue.newBuilder().setStringValue(value))
                .build();
    }
}
