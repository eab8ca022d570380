package dev.concord.ingest.decode;

import static dev.concord.ingest.decode.FastTraceDecoding.DECLINED;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.io.SerializedString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import dev.concord.ingest.decode.FastTraceDecoding.Declined;
import dev.concord.ingest.otlp.HexIds;
import dev.concord.ingest.otlp.MalformedOtlpException;
import dev.concord.ingest.otlp.OtlpJsonReader;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads an OTLP/JSON traces request from Jackson's streaming parser straight into canonical records, with the rules
 * of {@link OtlpJsonReader} (hex ids, integers as numbers or strings, enums as numbers or names, both spellings of
 * every key, unknown keys skipped, a repeated key replacing a singular field) but without protobuf builders and
 * reflection for spans and attributes. Fields it does not map are read by {@link OtlpJsonReader#readField} into a
 * scratch builder, so they are checked exactly as before. Anything unusual ({@link Declined}) leaves the request to
 * the reference path.
 */
final class JsonTraceReader {

    private static final SerializedString KEY = new SerializedString("key");
    private static final SerializedString VALUE = new SerializedString("value");
    private static final SerializedString STRING_VALUE = new SerializedString("stringValue");
    private static final SerializedString TRACE_ID = new SerializedString("traceId");
    /** The field that usually follows each field of a span, in the order the OpenTelemetry SDKs write them. */
    private static final Map<String, SerializedString> SPAN_ORDER = spanOrder(
            "traceId",
            "spanId",
            "traceState",
            "parentSpanId",
            "flags",
            "name",
            "kind",
            "startTimeUnixNano",
            "endTimeUnixNano",
            "attributes",
            "droppedAttributesCount",
            "events",
            "droppedEventsCount",
            "links",
            "droppedLinksCount",
            "status");

    /** Longest string value read from the body's bytes; longer ones are few and go through Jackson. */
    private static final int MAX_RAW_STRING = 256;

    private final AttributeSanitizer sanitizer;
    private final int maxAttributes;
    private final int maxValueLength;
    private final TraceAssembler out;
    private final SpanDraft draft = new SpanDraft();
    private final StringCache strings = new StringCache();
    private byte[] body;
    private int bodyLength;
    /** The length in bytes of the string {@link #rawString} found last. */
    private int rawLength;

    private final ExportTraceServiceRequest.Builder requestScratch = ExportTraceServiceRequest.newBuilder();
    private final ScopeSpans.Builder scopeScratch = ScopeSpans.newBuilder();
    private final Span.Builder spanScratch = Span.newBuilder();
    private final KeyValue.Builder keyValueScratch = KeyValue.newBuilder();
    private final Status.Builder statusScratch = Status.newBuilder();

    JsonTraceReader(AttributeSanitizer sanitizer, DecodeLimits limits, TraceAssembler out) {
        this.sanitizer = sanitizer;
        this.maxAttributes = limits.maxAttributes();
        this.maxValueLength = limits.maxAttributeValueLength();
        this.out = out;
    }

    void read(byte[] body, int length) throws Declined {
        this.body = body;
        this.bodyLength = length;
        try (JsonParser parser = OtlpJsonReader.parser(body, 0, length)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return;
            }
            expect(first == JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (name.equals("resourceSpans") || name.equals("resource_spans")) {
                    if (token == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    expect(token == JsonToken.START_ARRAY);
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        resourceSpans(parser);
                    }
                } else {
                    OtlpJsonReader.readField(parser, requestScratch, name);
                }
            }
            expect(parser.nextToken() == null);
        } catch (IOException | MalformedOtlpException | RuntimeException e) {
            throw DECLINED;
        }
    }

    /** A resource after spans of its own would need them buffered; that order is rare, so it is declined. */
    private void resourceSpans(JsonParser parser) throws IOException, MalformedOtlpException, Declined {
        expect(parser.currentToken() == JsonToken.START_OBJECT);
        ResourceSpans.Builder scratch = ResourceSpans.newBuilder();
        boolean resourceGiven = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (name.equals("scopeSpans") || name.equals("scope_spans")) {
                if (token == JsonToken.VALUE_NULL) {
                    continue;
                }
                expect(token == JsonToken.START_ARRAY);
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (!resourceGiven) {
                        out.resource(scratch.getResource());
                        resourceGiven = true;
                    }
                    scopeSpans(parser);
                }
            } else {
                if (resourceGiven && name.equals("resource")) {
                    throw DECLINED;
                }
                OtlpJsonReader.readField(parser, scratch, name);
            }
        }
    }

    private void scopeSpans(JsonParser parser) throws IOException, MalformedOtlpException, Declined {
        expect(parser.currentToken() == JsonToken.START_OBJECT);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (name.equals("spans")) {
                if (token == JsonToken.VALUE_NULL) {
                    continue;
                }
                expect(token == JsonToken.START_ARRAY);
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    span(parser);
                }
            } else {
                OtlpJsonReader.readField(parser, scopeScratch, name);
                scopeScratch.clear();
            }
        }
    }

    private void span(JsonParser parser) throws IOException, MalformedOtlpException, Declined {
        expect(parser.currentToken() == JsonToken.START_OBJECT);
        SpanDraft span = draft;
        span.clear();
        SerializedString expected = TRACE_ID;
        for (String name = nextName(parser, expected); name != null; name = nextName(parser, expected)) {
            JsonToken token = parser.nextToken();
            expected = SPAN_ORDER.getOrDefault(name, TRACE_ID);
            if (token == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "traceId", "trace_id" -> {
                    span.traceId = id(parser, 16, "traceId");
                    span.traceIdBytes = span.traceId.length() / 2;
                }
                case "spanId", "span_id" -> {
                    span.spanId = id(parser, 8, "spanId");
                    span.spanIdBytes = span.spanId.length() / 2;
                }
                case "parentSpanId", "parent_span_id" -> {
                    span.parentSpanId = id(parser, 8, "parentSpanId");
                    span.parentSpanIdBytes = span.parentSpanId.length() / 2;
                }
                case "traceState", "trace_state" -> span.traceState = string(parser);
                case "name" -> span.name = string(parser);
                case "kind" -> span.kind = enumNumber(parser, Span.SpanKind.getDescriptor());
                case "startTimeUnixNano", "start_time_unix_nano" -> span.start = unsignedLong(parser);
                case "endTimeUnixNano", "end_time_unix_nano" -> span.end = unsignedLong(parser);
                case "attributes" -> {
                    expect(token == JsonToken.START_ARRAY);
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        keyValue(parser);
                    }
                }
                case "status" -> status(parser);
                default -> {
                    OtlpJsonReader.readField(parser, spanScratch, name);
                    spanScratch.clear();
                }
            }
        }
        out.span(span);
    }

    /** A singular message given twice replaces the first, so the status starts over. */
    private void status(JsonParser parser) throws IOException, MalformedOtlpException, Declined {
        expect(parser.currentToken() == JsonToken.START_OBJECT);
        draft.clearStatus();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (token == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "message" -> draft.statusMessage = string(parser);
                case "code" -> draft.statusCode = enumNumber(parser, Status.StatusCode.getDescriptor());
                default -> {
                    OtlpJsonReader.readField(parser, statusScratch, name);
                    statusScratch.clear();
                }
            }
        }
    }

    private void keyValue(JsonParser parser) throws IOException, MalformedOtlpException, Declined {
        expect(parser.currentToken() == JsonToken.START_OBJECT);
        String key = "";
        Value value = Value.NONE;
        SerializedString expected = KEY;
        for (String name = nextName(parser, expected); name != null; name = nextName(parser, expected)) {
            expected = VALUE;
            JsonToken token = parser.nextToken();
            if (token == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "key" -> key = string(parser);
                case "value" -> value = anyValue(parser);
                default -> {
                    OtlpJsonReader.readField(parser, keyValueScratch, name);
                    keyValueScratch.clear();
                }
            }
        }
        value.addTo(this, key);
    }

    /** The oneof of an AnyValue: the last member given wins, as setting a oneof field through reflection does. */
    private Value anyValue(JsonParser parser) throws IOException, MalformedOtlpException, Declined {
        expect(parser.currentToken() == JsonToken.START_OBJECT);
        Value value = Value.NONE;
        for (String name = nextName(parser, STRING_VALUE); name != null; name = nextName(parser, STRING_VALUE)) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "stringValue", "string_value" -> value = Value.string(string(parser));
                case "boolValue", "bool_value" -> {
                    expect(token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE);
                    value = Value.bool(token == JsonToken.VALUE_TRUE);
                }
                case "intValue", "int_value" -> value = Value.integer(signedLong(parser));
                case "doubleValue", "double_value" -> value = Value.floating(doubleValue(parser));
                case "bytesValue", "bytes_value" ->
                    value = Value.bytes(Base64.getDecoder().decode(string(parser)));
                default -> {
                    // arrays, maps, string-table indexes, unknown keys: read as the reference reads them
                    AnyValue.Builder any = AnyValue.newBuilder();
                    OtlpJsonReader.readField(parser, any, name);
                    if (any.getValueCase() != AnyValue.ValueCase.VALUE_NOT_SET) {
                        value = Value.any(any.build());
                    }
                }
            }
        }
        return value;
    }

    /** One attribute value as read, before it is cut and rendered. */
    private record Value(int type, String text, long number, double floating, byte[] bytes, AnyValue any) {
        static final Value NONE = new Value(0, null, 0, 0, null, null);

        static Value string(String text) {
            return new Value(1, text, 0, 0, null, null);
        }

        static Value bool(boolean value) {
            return new Value(2, null, value ? 1 : 0, 0, null, null);
        }

        static Value integer(long value) {
            return new Value(3, null, value, 0, null, null);
        }

        static Value floating(double value) {
            return new Value(4, null, 0, value, null, null);
        }

        static Value bytes(byte[] value) {
            return new Value(5, null, 0, 0, value, null);
        }

        static Value any(AnyValue value) {
            return new Value(6, null, 0, 0, null, value);
        }

        void addTo(JsonTraceReader reader, String key) {
            SpanDraft draft = reader.draft;
            int max = reader.maxAttributes;
            switch (type) {
                case 1 -> FastTraceDecoding.string(draft, max, reader.maxValueLength, key, text);
                case 2 -> FastTraceDecoding.bool(draft, max, key, number != 0);
                case 3 -> FastTraceDecoding.integer(draft, max, key, number);
                case 4 -> FastTraceDecoding.floating(draft, max, key, floating);
                case 5 -> FastTraceDecoding.bytes(draft, max, reader.maxValueLength, key, bytes, 0, bytes.length);
                case 6 -> FastTraceDecoding.any(draft, reader.sanitizer, max, key, any);
                default -> FastTraceDecoding.unset(draft, max, key);
            }
        }
    }

    /**
     * The next field name, or null at the end of the object. Jackson compares the expected name's bytes in place, which
     * skips its symbol table when the sender writes fields in the usual order, as SDKs do.
     */
    private static String nextName(JsonParser parser, SerializedString expected) throws IOException {
        if (parser.nextFieldName(expected)) {
            return expected.getValue();
        }
        return parser.currentToken() == JsonToken.FIELD_NAME ? parser.currentName() : null;
    }

    private String id(JsonParser parser, int bytes, String field) throws IOException, MalformedOtlpException, Declined {
        // ids are unique: caching them would only evict the strings that repeat
        expect(parser.currentToken() == JsonToken.VALUE_STRING);
        int start = rawString(parser);
        if (start >= 0 && rawLength == bytes * 2 && lowercaseHex(start, rawLength)) {
            return new String(body, start, rawLength, StandardCharsets.ISO_8859_1);
        }
        return HexIds.normalizeHex(parser.getText(), bytes, field);
    }

    private boolean lowercaseHex(int start, int length) {
        for (int i = start, end = start + length; i < end; i++) {
            int c = body[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private String string(JsonParser parser) throws IOException, Declined {
        expect(parser.currentToken() == JsonToken.VALUE_STRING);
        int start = rawString(parser);
        if (start >= 0) {
            return strings.utf8(body, start, rawLength);
        }
        return strings.chars(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    }

    /**
     * Where the content of the string value the parser stands on starts in the body, when it is plain: printable ASCII
     * without escapes, short. Its text is then its bytes, read in place and through the request's cache, and Jackson
     * only skips over it, never decoding it into its buffer. -1 for any other string, which Jackson reads.
     */
    private int rawString(JsonParser parser) {
        if (!(parser instanceof ParserBase base)) {
            return -1;
        }
        // for a string, Jackson's token offset is that of its first character, after the quote
        long offset = base.getTokenCharacterOffset();
        if (offset <= 0 || offset > bodyLength || body[(int) offset - 1] != '"') {
            return -1;
        }
        int start = (int) offset;
        int limit = Math.min(bodyLength, start + MAX_RAW_STRING);
        for (int i = start; i < limit; i++) {
            int b = body[i];
            if (b == '"') {
                rawLength = i - start;
                return start;
            }
            // control characters, escapes and all of UTF-8's multi-byte sequences (negative bytes)
            if (b < 0x20 || b == '\\') {
                return -1;
            }
        }
        return -1;
    }

    private static int enumNumber(JsonParser parser, com.google.protobuf.Descriptors.EnumDescriptor type)
            throws IOException, Declined {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getIntValue();
        }
        expect(token == JsonToken.VALUE_STRING);
        EnumValueDescriptor value = type.findValueByName(parser.getText());
        expect(value != null);
        return value.getNumber();
    }

    /** As the reference reads a fixed64: a number's low 64 bits, or a string as an unsigned decimal. */
    private long unsignedLong(JsonParser parser) throws IOException, Declined {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType type = parser.getNumberType();
            return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG
                    ? parser.getLongValue()
                    : parser.getBigIntegerValue().longValue();
        }
        expect(token == JsonToken.VALUE_STRING);
        long digits = plainDecimal(parser);
        return digits >= 0 ? digits : Long.parseUnsignedLong(parser.getText().trim());
    }

    private long signedLong(JsonParser parser) throws IOException, Declined {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        expect(token == JsonToken.VALUE_STRING);
        long digits = plainDecimal(parser);
        return digits >= 0 ? digits : Long.parseLong(parser.getText().trim());
    }

    /**
     * A string of one to eighteen ASCII digits as a number, without making the string: how senders write 64-bit
     * integers; -1 for anything else, which the library parsers then read.
     */
    private long plainDecimal(JsonParser parser) throws IOException {
        int start = rawString(parser);
        if (start >= 0) {
            return plainDecimal(start, rawLength);
        }
        int length = parser.getTextLength();
        if (length < 1 || length > 18) {
            return -1;
        }
        char[] text = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        long value = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private long plainDecimal(int start, int length) {
        if (length < 1 || length > 18) {
            return -1;
        }
        long value = 0;
        for (int i = start, end = start + length; i < end; i++) {
            int digit = body[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static double doubleValue(JsonParser parser) throws IOException, Declined {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDoubleValue();
        }
        expect(token == JsonToken.VALUE_STRING);
        String text = parser.getText().trim();
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static Map<String, SerializedString> spanOrder(String... names) {
        Map<String, SerializedString> next = new HashMap<>();
        for (int i = 0; i + 1 < names.length; i++) {
            next.put(names[i], new SerializedString(names[i + 1]));
        }
        // a span written without the usual next field is followed by the next span's first
        return Map.copyOf(next);
    }

    private static void expect(boolean condition) throws Declined {
        if (!condition) {
            throw DECLINED;
        }
    }
}
