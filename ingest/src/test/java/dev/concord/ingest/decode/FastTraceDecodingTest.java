package dev.concord.ingest.decode;

import static dev.concord.ingest.decode.OtlpSamples.NOW;
import static dev.concord.ingest.decode.OtlpSamples.START_NANOS;
import static dev.concord.ingest.decode.OtlpSamples.attribute;
import static dev.concord.ingest.decode.OtlpSamples.resource;
import static dev.concord.ingest.decode.OtlpSamples.span;
import static dev.concord.ingest.decode.OtlpSamples.traces;
import static dev.concord.ingest.decode.OtlpSamples.warehouseInAws;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.concord.ingest.bench.DecodeBenchmark;
import dev.concord.ingest.otlp.MalformedOtlpException;
import dev.concord.ingest.otlp.OtlpJsonWriter;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.otlp.PayloadFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast trace readers against the reference path (messages parsed, sanitized, mapped): every request, valid,
 * unusual or broken, must give the same records or the same error.
 */
class FastTraceDecodingTest {

    private static final OtlpDecoder DECODER = new OtlpDecoder(NOW, DecodeLimits.defaults());
    private static final OtlpDecoder TIGHT = new OtlpDecoder(
            NOW,
            DecodeLimits.builder().maxAttributes(3).maxAttributeValueLength(16).build());

    static Stream<Arguments> requests() {
        List<Arguments> cases = new ArrayList<>();
        for (ExportTraceServiceRequest request : samples()) {
            cases.add(Arguments.of(request.getResourceSpansCount() + " resources", request));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("requests")
    void bothEncodingsOfEveryRequestDecodeAsTheReferenceDoesWithoutBeingDeclined(
            String description, ExportTraceServiceRequest request) throws Exception {
        for (OtlpDecoder decoder : List.of(DECODER, TIGHT)) {
            for (PayloadFormat format : PayloadFormat.values()) {
                byte[] body = format == PayloadFormat.JSON ? OtlpJsonWriter.toJson(request) : request.toByteArray();
                Object reference =
                        outcome(() -> decoder.decodeByMessages(OtlpSignal.TRACES, body, body.length, format));
                if (reference instanceof CanonicalBatch) {
                    // a valid request never needs the reference path
                    assertThat(decoder.decodeTracesFast(body, body.length, format))
                            .isEqualTo(reference);
                } else {
                    assertThat(outcome(() -> decoder.decode(OtlpSignal.TRACES, body, body.length, format)))
                            .isEqualTo(reference);
                }
            }
        }
    }

    @Test
    void theBenchmarkRequestAndTheJsonSampleTakeTheFastPath() throws Exception {
        byte[] protobuf = DecodeBenchmark.realisticRequest(new Random(42)).toByteArray();
        byte[] json = OtlpSamples.resourceBytes("traces.json");

        assertThat(DECODER.decodeTracesFast(protobuf, protobuf.length, PayloadFormat.PROTOBUF)
                        .spans())
                .hasSize(100);
        assertThat(DECODER.decodeTracesFast(json, json.length, PayloadFormat.JSON))
                .isEqualTo(DECODER.decodeByMessages(OtlpSignal.TRACES, json, json.length, PayloadFormat.JSON));
    }

    @Test
    void protobufWithAResourceAfterItsSpansARepeatedStatusAndUnknownFieldsDecodesAsTheReference() throws Exception {
        ByteArrayOutputStream resourceSpans = new ByteArrayOutputStream();
        ScopeSpans scope = ScopeSpans.newBuilder()
                .addSpans(span("late resource").setStatus(Status.newBuilder().setMessage("first")))
                .build();
        field(resourceSpans, 2, scope.toByteArray());
        field(resourceSpans, 1, resource(attribute("service.name", "a")).toByteArray());
        field(resourceSpans, 1, resource(attribute("cloud.region", "eu-west-1")).toByteArray());
        field(resourceSpans, 99, "unknown".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        field(request, 1, resourceSpans.toByteArray());
        byte[] body = request.toByteArray();

        CanonicalBatch fast = DECODER.decodeTracesFast(body, body.length, PayloadFormat.PROTOBUF);

        assertThat(fast)
                .isEqualTo(DECODER.decodeByMessages(OtlpSignal.TRACES, body, body.length, PayloadFormat.PROTOBUF));
        assertThat(fast.spans()).singleElement().satisfies(span -> {
            assertThat(span.resource().serviceName()).isEqualTo("a");
            assertThat(span.resource().cloudRegion()).isEqualTo("eu-west-1");
        });
    }

    @Test
    void jsonWithBothKeySpellingsNullsRepeatedKeysAndNamedEnumsDecodesAsTheReference() throws Exception {
        String json = """
                {"resource_spans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "x"}}]},
                  "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "y"}}]},
                  "schema_url": null, "scope_spans": [{"scope": {"name": "s"}, "spans": [
                    {"trace_id": "5B8EFFF798038103D269B633813FC60C", "span_id": "eee19b7ec3c1b174", "kind": "SPAN_KIND_CLIENT",
                     "start_time_unix_nano": 1767604200000000000, "endTimeUnixNano": "1767604200000000001",
                     "status": {"code": "STATUS_CODE_ERROR", "message": "gone"}, "status": {"code": 1},
                     "attributes": [{"key": "a", "value": {"stringValue": "1", "int_value": 7}},
                                    {"key": "b", "value": {"bytes_value": "AQID"}},
                                    {"key": "sampling.adjusted_count", "value": {"doubleValue": "4"}},
                                    {"key": "c", "value": null}, {"key": "d"}],
                     "attributes": [{"key": "a", "value": {"doubleValue": "NaN"}}],
                     "events": [{"name": "e", "attributes": [{"key": "k", "value": {"boolValue": false}}]}],
                     "droppedAttributesCount": "3", "future": {"x": [1]}}]}]}]}
                """;
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        CanonicalBatch fast = DECODER.decodeTracesFast(body, body.length, PayloadFormat.JSON);

        assertThat(fast).isEqualTo(DECODER.decodeByMessages(OtlpSignal.TRACES, body, body.length, PayloadFormat.JSON));
        assertThat(fast.spans()).singleElement().satisfies(span -> {
            assertThat(span.resource().serviceName()).isEqualTo("y");
            assertThat(span.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
            assertThat(span.attributes()).containsEntry("a", "NaN").containsEntry("b", "AQID");
            assertThat(span.adjustedCount()).isEqualTo(4.0);
        });
    }

    @Test
    void jsonStringsWithEscapesNonAsciiOrGreatLengthAndOddNumbersDecodeAsTheReference() throws Exception {
        String longValue = "v".repeat(300);
        String json = """
                {"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "caf\\u00e9"}}]},
                  "scopeSpans": [{"spans": [
                    {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "EEE19B7EC3C1B174", "name": "r\\u00e9serve \\"it\\"",
                     "startTimeUnixNano": "001767604200000000000", "endTimeUnixNano": "001767604200000000001",
                     "attributes": [{"key": "tab\\tkey", "value": {"stringValue": "line\\nbreak"}},
                                    {"key": "long", "value": {"stringValue": "%s"}},
                                    {"key": "utf8", "value": {"stringValue": "Zürich ✓"}},
                                    {"key": "n", "value": {"intValue": "-0042"}},
                                    {"key": "slash", "value": {"stringValue": "a\\/b"}}]},
                    {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b175", "name": "",
                     "startTimeUnixNano": "1767604200000000000", "endTimeUnixNano": "1767604200000000001"}]}]}]}
                """.formatted(longValue);
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        CanonicalBatch fast = DECODER.decodeTracesFast(body, body.length, PayloadFormat.JSON);

        assertThat(fast).isEqualTo(DECODER.decodeByMessages(OtlpSignal.TRACES, body, body.length, PayloadFormat.JSON));
        assertThat(fast.spans()).hasSize(2);
        assertThat(fast.spans().get(0).spanId()).isEqualTo("eee19b7ec3c1b174");
        assertThat(fast.spans().get(0).endTimeUnixNano()).isEqualTo(1_767_604_200_000_000_001L);
        assertThat(fast.spans().get(0).name()).isEqualTo("réserve \"it\"");
        assertThat(fast.spans().get(0).attributes())
                .containsEntry("tab\tkey", "line\nbreak")
                .containsEntry("long", longValue)
                .containsEntry("utf8", "Zürich ✓")
                .containsEntry("n", "-42")
                .containsEntry("slash", "a/b");
    }

    @Test
    void brokenAndMutatedRequestsFailOrDecodeExactlyAsTheReference() {
        Random random = new Random(7);
        byte[] protobuf = DecodeBenchmark.realisticRequest(new Random(1)).toByteArray();
        byte[] json = OtlpJsonWriter.toJson(samples().get(3));
        byte[] jsonAlphabet = "{}[],:\"0a1-. nNtfeE\\".getBytes(StandardCharsets.UTF_8);
        int checked = 0;
        for (int i = 0; i < 1000; i++) {
            boolean isJson = i % 2 == 1;
            byte[] original = isJson ? json : protobuf;
            byte[] mutated = mutate(original, random, isJson ? jsonAlphabet : null);
            PayloadFormat format = isJson ? PayloadFormat.JSON : PayloadFormat.PROTOBUF;
            assertThat(outcome(() -> DECODER.decode(OtlpSignal.TRACES, mutated, mutated.length, format)))
                    .as("mutation %d of the %s request", i, format)
                    .isEqualTo(outcome(
                            () -> DECODER.decodeByMessages(OtlpSignal.TRACES, mutated, mutated.length, format)));
            checked++;
        }
        assertThat(checked).isEqualTo(1000);
    }

    @Test
    void theJsonReaderReadsTheBenchmarkRequestAndTheSamplesAsTheReferenceOrDeclinesThem() throws Exception {
        byte[] benchmark = OtlpJsonWriter.toJson(DecodeBenchmark.realisticRequest(new Random(42)));
        byte[] sample = OtlpSamples.resourceBytes("traces.json");
        assertThat(fastRead(DecodeLimits.defaults(), benchmark).spans()).hasSize(100);
        assertThat(fastRead(DecodeLimits.defaults(), sample))
                .isEqualTo(DECODER.decodeByMessages(OtlpSignal.TRACES, sample, sample.length, PayloadFormat.JSON));
        int readSamples = 0;
        for (ExportTraceServiceRequest request : samples()) {
            byte[] body = OtlpJsonWriter.toJson(request);
            for (DecodeLimits limits : List.of(DecodeLimits.defaults(), TIGHT_LIMITS)) {
                OtlpDecoder decoder = new OtlpDecoder(NOW, limits);
                Object reference = outcome(
                        () -> decoder.decodeByMessages(OtlpSignal.TRACES, body, body.length, PayloadFormat.JSON));
                Object read = fastReadOrDeclined(limits, body);
                if (read != DECLINED) {
                    assertThat(read).isEqualTo(reference);
                    readSamples++;
                }
            }
        }
        assertThat(readSamples).as("samples read without the reference path").isGreaterThanOrEqualTo(6);
    }

    @Test
    void theJsonReaderReadsWhitespaceBothSpellingsCountsEmptyListsAndNumbersAsTheReference() throws Exception {
        String json = """
                 { "resource_spans" : [ { "resource" : { "attributes" : [ { "key" : "service.name",
                   "value" : { "stringValue" : "warehouse-api" } } ] } , "schemaUrl" : "https://x/1.0",
                   "scope_spans" : [ { "scope" : { "name" : "s", "version" : "1" }, "spans" : [
                    { "trace_id" : "5b8efff798038103d269b633813fc60c", "span_id" : "eee19b7ec3c1b174",
                      "parent_span_id" : "", "flags" : 257, "kind" : 3, "name" : "n",
                      "start_time_unix_nano" : 1767604200000000000, "endTimeUnixNano" : "1767604200000000001",
                      "attributes" : [ { "key" : "d0", "value" : { "doubleValue" : -0 } },
                                       { "key" : "d1", "value" : { "double_value" : -0.0 } },
                                       { "key" : "d2", "value" : { "doubleValue" : 1.5e3 } },
                                       { "key" : "d3", "value" : { "doubleValue" : 12345678901234567 } },
                                       { "key" : "i0", "value" : { "intValue" : -42 } },
                                       { "key" : "i1", "value" : { "int_value" : "-0042" } },
                                       { "key" : "b0", "value" : { "boolValue" : true } },
                                       { "key" : "b1", "value" : { "bool_value" : false } },
                                       { "key" : "two", "value" : { "stringValue" : "a", "intValue" : 7 } },
                                       { "key" : "none", "value" : { } }, { "key" : "no value" }, { },
                                       { "key" : "list", "value" : { "arrayValue" : { "values" : [ { "intValue" : 1 },
                                         { "kvlistValue" : { "values" : [ { "key" : "k", "value" : { } } ] } } ] } } },
                                       { "key" : "kept", "value" : { "intValue" : 3, "arrayValue" : null } } ],
                      "droppedAttributesCount" : 0, "events" : [ ], "links" : [ ], "dropped_links_count" : 2,
                      "future" : { "x" : [ 1, "two", true, null, { "y" : -1.5E-2 } ] },
                      "status" : { "message" : "m", "code" : 2 } , "status" : { "code" : 1 } },
                    { "traceId" : "5b8efff798038103d269b633813fc60c", "spanId" : "eee19b7ec3c1b175",
                      "startTimeUnixNano" : "0000001767604200000", "endTimeUnixNano" : "9223372036854775808",
                      "droppedEventsCount" : "1", "events" : [ { "name" : "e" } ] } ] } ] } ],
                   "unknown" : [ ] }
                """;
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        CanonicalBatch fast = fastRead(DecodeLimits.defaults(), body);

        assertThat(fast).isEqualTo(DECODER.decodeByMessages(OtlpSignal.TRACES, body, body.length, PayloadFormat.JSON));
        assertThat(fast.spans()).hasSize(1);
        assertThat(fast.spans().get(0).attributes())
                .containsEntry("d0", "0.0")
                .containsEntry("d1", "-0.0")
                .containsEntry("i1", "-42")
                .containsEntry("two", "7")
                .containsEntry("kept", "3")
                .containsKey("list");
    }

    @Test
    void theJsonReaderDeclinesOrReadsAsTheReferenceAndNeverGivesOtherRecords() {
        List<String> unusual = List.of(
                "",
                " ",
                "\uFEFF{}",
                "{\"resourceSpans\": null}",
                "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"name\": \"caf\u00e9\"}]}]}]}",
                "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"name\": \"a\\\"b\"}]}]}]}",
                "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"kind\": \"SPAN_KIND_SERVER\"}]}]}]}",
                "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"kind\": 02}]}]}]}",
                "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"startTimeUnixNano\": \"18446744073709551616\"}]}]}]}",
                "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"traceId\": \"5B8EFFF798038103D269B633813FC60C\"}]}]}]}",
                "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"attributes\": [{\"key\": \"a\", \"value\": {\"bytesValue\": \"AQID\"}}]}]}]}]}",
                "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"name\": \"n\",}]}]}]}",
                "{\"resourceSpans\": []} {}",
                "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"future\": " + "[".repeat(70) + "]".repeat(70)
                        + "}]}]}]}");
        for (String json : unusual) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            Object read = fastReadOrDeclined(DecodeLimits.defaults(), body);
            if (read != DECLINED) {
                assertThat(read)
                        .as(json)
                        .isEqualTo(outcome(() ->
                                DECODER.decodeByMessages(OtlpSignal.TRACES, body, body.length, PayloadFormat.JSON)));
            }
        }
        Random random = new Random(11);
        byte[] benchmark = OtlpJsonWriter.toJson(DecodeBenchmark.realisticRequest(new Random(5)));
        byte[] alphabet = "{}[],:\"0a1-. nNtfeE\\".getBytes(StandardCharsets.UTF_8);
        int readMutations = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] mutated = mutate(benchmark, random, alphabet);
            Object read = fastReadOrDeclined(DecodeLimits.defaults(), mutated);
            if (read != DECLINED) {
                assertThat(read)
                        .as("mutation %d", i)
                        .isEqualTo(outcome(() -> DECODER.decodeByMessages(
                                OtlpSignal.TRACES, mutated, mutated.length, PayloadFormat.JSON)));
                readMutations++;
            }
        }
        // flips inside strings and numbers leave valid requests the reader reads
        assertThat(readMutations).isPositive();
    }

    private static final DecodeLimits TIGHT_LIMITS =
            DecodeLimits.builder().maxAttributes(3).maxAttributeValueLength(16).build();
    private static final Object DECLINED = new Object();

    /** What {@link JsonTraceReader} alone makes of a body, without the reference path behind it. */
    private static CanonicalBatch fastRead(DecodeLimits limits, byte[] body) throws FastTraceDecoding.Declined {
        AttributeSanitizer attributes = new AttributeSanitizer(limits);
        TraceAssembler out = new TraceAssembler(
                new ResourceSanitizer(attributes), limits, new TimeChecks(NOW, limits).latestAcceptableNanos());
        new JsonTraceReader(attributes, limits, out).read(body, body.length);
        return new CanonicalBatch(out.spans(), out.probes(), List.of(), List.of());
    }

    private static Object fastReadOrDeclined(DecodeLimits limits, byte[] body) {
        try {
            return fastRead(limits, body);
        } catch (FastTraceDecoding.Declined e) {
            return DECLINED;
        }
    }

    private static byte[] mutate(byte[] original, Random random, byte[] alphabet) {
        byte[] out = original.clone();
        switch (random.nextInt(3)) {
            case 0 -> {
                return java.util.Arrays.copyOf(out, random.nextInt(out.length));
            }
            case 1 -> {
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    int at = random.nextInt(out.length);
                    out[at] = alphabet == null ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
                }
                return out;
            }
            default -> {
                int at = random.nextInt(out.length);
                byte[] longer = new byte[out.length + 1];
                System.arraycopy(out, 0, longer, 0, at);
                longer[at] = alphabet == null ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
                System.arraycopy(out, at, longer, at + 1, out.length - at);
                return longer;
            }
        }
    }

    private interface Decoding {
        CanonicalBatch run() throws MalformedOtlpException;
    }

    /** The batch, or the error's message: what a caller can observe. */
    private static Object outcome(Decoding decoding) {
        try {
            return decoding.run();
        } catch (MalformedOtlpException e) {
            return "malformed: " + e.getMessage();
        }
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] bytes) {
        out.write((number << 3) | 2);
        int length = bytes.length;
        while (length >= 0x80) {
            out.write((length & 0x7f) | 0x80);
            length >>>= 7;
        }
        out.write(length);
        out.writeBytes(bytes);
    }

    private static Span.Builder sameKeys(String route, String transactionId) {
        return span("same keys " + route)
                .addAttributes(attribute("http.route", "/" + route))
                .addAttributes(attribute("business.transaction", "checkout"))
                .addAttributes(attribute("business.transaction.id", transactionId));
    }

    private static List<ExportTraceServiceRequest> samples() {
        String longText = "é".repeat(20) + "\uD83D\uDE00".repeat(20);
        KeyValue array = KeyValue.newBuilder()
                .setKey("list")
                .setValue(AnyValue.newBuilder()
                        .setArrayValue(ArrayValue.newBuilder()
                                .addValues(AnyValue.newBuilder().setIntValue(1))
                                .addValues(AnyValue.newBuilder().setStringValue("two"))))
                .build();
        KeyValue map = KeyValue.newBuilder()
                .setKey("map")
                .setValue(AnyValue.newBuilder()
                        .setKvlistValue(KeyValueList.newBuilder().addValues(attribute("k", "v\"quoted\""))))
                .build();
        KeyValue bytes = KeyValue.newBuilder()
                .setKey("blob")
                .setValue(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[40])))
                .build();
        KeyValue unset = KeyValue.newBuilder().setKey("nothing").build();
        KeyValue count = KeyValue.newBuilder()
                .setKey("sampling.adjusted_count")
                .setValue(AnyValue.newBuilder().setIntValue(8))
                .build();
        Span.Builder many = span("many attributes");
        for (int i = 0; i < 200; i++) {
            many.addAttributes(attribute("k" + (i % 150), "v" + i));
        }
        List<ExportTraceServiceRequest> samples = new ArrayList<>();
        samples.add(DecodeBenchmark.realisticRequest(new Random(3)));
        samples.add(traces(warehouseInAws(), span("plain")));
        samples.add(traces(
                resource(attribute("service.name", "a"), attribute("deployment.environment", "staging")),
                span("renamed environment"),
                span("ends before it starts").setEndTimeUnixNano(START_NANOS - 1),
                span("far future").setStartTimeUnixNano(START_NANOS * 2).setEndTimeUnixNano(START_NANOS * 2),
                span("bad id").setTraceId(ByteString.copyFrom(new byte[3])),
                span("bad parent").setParentSpanId(ByteString.copyFrom(new byte[5])),
                span("child").setParentSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))));
        samples.add(traces(
                resource(attribute("host.name", "h"), attribute("tenant.id", "t"), attribute("shared", "resource")),
                span("typed values")
                        .addAttributes(array)
                        .addAttributes(map)
                        .addAttributes(bytes)
                        .addAttributes(unset)
                        .addAttributes(count)
                        .addAttributes(attribute("shared", "span"))
                        .addAttributes(attribute("long", longText))
                        .addAttributes(KeyValue.newBuilder()
                                .setKey("flag")
                                .setValue(AnyValue.newBuilder().setBoolValue(true)))
                        .addAttributes(KeyValue.newBuilder()
                                .setKey("ratio")
                                .setValue(AnyValue.newBuilder().setDoubleValue(0.25)))
                        .setTraceState("vendor=x, ot=rv:abc;th:c , other=y")
                        .setKind(Span.SpanKind.SPAN_KIND_CONSUMER)
                        .addEvents(Span.Event.newBuilder().setName("exception").addAttributes(attribute("a", "b")))
                        .addLinks(Span.Link.newBuilder().setTraceId(ByteString.copyFrom(new byte[16]))),
                span("string count").addAttributes(attribute("sampling.adjusted_count", " 2.5 ")),
                span("bad threshold").setTraceState("ot=th:zz").addAttributes(count),
                span("unknown kind")
                        .setKindValue(42)
                        .setStatus(Status.newBuilder().setCodeValue(7)),
                many));
        samples.add(traces(
                resource(
                        attribute("service.name", "prober"),
                        attribute("user_agent.synthetic.type", "test"),
                        attribute("business.transaction", "from-resource")),
                span("probe run")
                        .addAttributes(attribute("synthetic.probe.name", "checkout"))
                        .addAttributes(attribute("synthetic.vantage_point", "eu"))
                        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)),
                span("bot without name").addAttributes(attribute("user_agent.synthetic.type", "bot"))));
        samples.add(ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(resource(attribute("service.name", "first")))
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("s"))
                                .addSpans(span("one")))
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span("two"))))
                .addResourceSpans(ResourceSpans.newBuilder()
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span("no resource"))))
                .addResourceSpans(ResourceSpans.newBuilder().setResource(resource(attribute("service.name", "empty"))))
                .build());
        // the same span attributes under two resources, the second naming one of them and a business transaction:
        // what was worked out for the first resource's spans must not carry over
        samples.add(ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(resource(attribute("service.name", "first"), attribute("host.name", "h")))
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .addSpans(sameKeys("a", "1"))
                                .addSpans(sameKeys("b", "2"))
                                .addSpans(sameKeys("c", "3"))))
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(resource(
                                attribute("service.name", "second"),
                                attribute("http.route", "/from-resource"),
                                attribute("business.transaction.stage", "resource-stage")))
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .addSpans(sameKeys("d", "4"))
                                .addSpans(sameKeys("e", "5"))))
                .build());
        samples.add(ExportTraceServiceRequest.getDefaultInstance());
        return samples;
    }
}
