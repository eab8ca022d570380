package dev.concord.ingest.decode;

import static dev.concord.ingest.decode.FastTraceDecoding.DECLINED;

import com.fasterxml.jackson.core.JsonParser;
import com.google.protobuf.Message;
import dev.concord.ingest.decode.FastTraceDecoding.Declined;
import dev.concord.ingest.otlp.MalformedOtlpException;
import dev.concord.ingest.otlp.OtlpJsonReader;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads an OTLP/JSON traces request of the shape SDKs and collectors send by scanning its bytes, without a JSON
 * tokenizer: Jackson's tokens, even read as {@link JsonTraceReader} reads them, cost more than the rest of decoding.
 * Only the usual forms are read here: field names and string values of printable ASCII without escapes, lowercase hex
 * ids, integers as plain digits. Fields it does not map (resources, scopes, events, links, array and map values,
 * unknown keys) are scanned for their extent, then read from exactly those bytes by
 * {@link OtlpJsonReader#readField}, so they are checked as before. Anything else ({@link Declined}: escapes, non-ASCII
 * text, nulls, bytes values, enum names, odd numbers, deep nesting, broken JSON) leaves the request to
 * {@link JsonTraceReader}, which reads every form.
 */
final class JsonTraceScanner {

    /** Far below {@link OtlpJsonReader}'s nesting limit, so a value read on its own is never accepted deeper. */
    private static final int MAX_DEPTH = 64;
    /** Longest string or number scanned; longer ones are left to Jackson and its limits. */
    private static final int MAX_STRING = 1 << 20;

    private static final int MAX_NUMBER = 64;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long SPACES = ONES * ' ';

    private static final byte[] RESOURCE_SPANS = ascii("resourceSpans");
    private static final byte[] RESOURCE_SPANS_SNAKE = ascii("resource_spans");
    private static final byte[] RESOURCE = ascii("resource");
    private static final byte[] SCOPE_SPANS = ascii("scopeSpans");
    private static final byte[] SCOPE_SPANS_SNAKE = ascii("scope_spans");
    private static final byte[] SPANS = ascii("spans");
    private static final byte[] TRACE_ID = ascii("traceId");
    private static final byte[] TRACE_ID_SNAKE = ascii("trace_id");
    private static final byte[] SPAN_ID = ascii("spanId");
    private static final byte[] SPAN_ID_SNAKE = ascii("span_id");
    private static final byte[] PARENT_SPAN_ID = ascii("parentSpanId");
    private static final byte[] PARENT_SPAN_ID_SNAKE = ascii("parent_span_id");
    private static final byte[] TRACE_STATE = ascii("traceState");
    private static final byte[] TRACE_STATE_SNAKE = ascii("trace_state");
    private static final byte[] NAME = ascii("name");
    private static final byte[] KIND = ascii("kind");
    private static final byte[] START = ascii("startTimeUnixNano");
    private static final byte[] START_SNAKE = ascii("start_time_unix_nano");
    private static final byte[] END = ascii("endTimeUnixNano");
    private static final byte[] END_SNAKE = ascii("end_time_unix_nano");
    private static final byte[] ATTRIBUTES = ascii("attributes");
    private static final byte[] STATUS = ascii("status");
    private static final byte[] MESSAGE = ascii("message");
    private static final byte[] CODE = ascii("code");
    private static final byte[] KEY = ascii("key");
    private static final byte[] VALUE = ascii("value");
    private static final byte[] STRING_VALUE = ascii("stringValue");
    private static final byte[] STRING_VALUE_SNAKE = ascii("string_value");
    private static final byte[] BOOL_VALUE = ascii("boolValue");
    private static final byte[] BOOL_VALUE_SNAKE = ascii("bool_value");
    private static final byte[] INT_VALUE = ascii("intValue");
    private static final byte[] INT_VALUE_SNAKE = ascii("int_value");
    private static final byte[] DOUBLE_VALUE = ascii("doubleValue");
    private static final byte[] DOUBLE_VALUE_SNAKE = ascii("double_value");
    /** Values the reference reads into an {@link AnyValue}, here from their own bytes. */
    private static final byte[][] NESTED_VALUES = {
        ascii("arrayValue"), ascii("array_value"), ascii("kvlistValue"), ascii("kvlist_value")
    };
    /** Span fields the model does not keep, whose usual value (a small count, an empty list) needs no reading. */
    private static final byte[][] SPAN_COUNTS = {
        ascii("flags"),
        ascii("droppedAttributesCount"),
        ascii("dropped_attributes_count"),
        ascii("droppedEventsCount"),
        ascii("dropped_events_count"),
        ascii("droppedLinksCount"),
        ascii("dropped_links_count")
    };

    private static final byte[][] SPAN_LISTS = {ascii("events"), ascii("links")};

    private static final int NONE = 0;
    private static final int STRING = 1;
    private static final int BOOL = 2;
    private static final int INT = 3;
    private static final int DOUBLE = 4;
    private static final int NESTED = 5;

    private final AttributeSanitizer sanitizer;
    private final int maxAttributes;
    private final int maxValueLength;
    private final TraceAssembler out;
    private final SpanDraft draft = new SpanDraft();
    private final StringCache strings = new StringCache();
    private final ExportTraceServiceRequest.Builder requestScratch = ExportTraceServiceRequest.newBuilder();
    private final ScopeSpans.Builder scopeScratch = ScopeSpans.newBuilder();
    private final Span.Builder spanScratch = Span.newBuilder();

    private byte[] body;
    private int pos;
    private int limit;
    /** The name read last: where it starts in the body and its length. */
    private int nameStart;

    private int nameLength;
    /** The attribute value read last. */
    private int valueType;

    private String valueText;
    private long valueNumber;
    private double valueDouble;
    private AnyValue valueNested;
    /** Where the trace id read last starts, and its hex: the spans of a trace usually follow each other. */
    private int lastTraceIdStart = -1;

    private String lastTraceId = "";

    JsonTraceScanner(AttributeSanitizer sanitizer, DecodeLimits limits, TraceAssembler out) {
        this.sanitizer = sanitizer;
        this.maxAttributes = limits.maxAttributes();
        this.maxValueLength = limits.maxAttributeValueLength();
        this.out = out;
    }

    void read(byte[] body, int length) throws Declined {
        if (length > body.length) {
            throw DECLINED;
        }
        this.body = body;
        this.limit = length;
        this.pos = 0;
        try {
            whitespace();
            // an empty body, a byte order mark and the like are left to the parser
            expectByte('{');
            if (!emptyObject()) {
                do {
                    name();
                    colon();
                    if (nameIs(RESOURCE_SPANS) || nameIs(RESOURCE_SPANS_SNAKE)) {
                        expectByte('[');
                        if (!emptyArray()) {
                            do {
                                resourceSpans();
                            } while (nextElement(']'));
                        }
                    } else {
                        delegate(requestScratch, 2);
                    }
                } while (nextElement('}'));
            }
            whitespace();
            if (pos != limit) {
                throw DECLINED;
            }
        } catch (IOException | MalformedOtlpException | RuntimeException e) {
            throw DECLINED;
        }
    }

    /** A resource after spans of its own would need them buffered; that order is rare, so it is declined. */
    private void resourceSpans() throws IOException, MalformedOtlpException, Declined {
        expectByte('{');
        ResourceSpans.Builder scratch = ResourceSpans.newBuilder();
        boolean resourceGiven = false;
        if (emptyObject()) {
            return;
        }
        do {
            name();
            colon();
            if (nameIs(SCOPE_SPANS) || nameIs(SCOPE_SPANS_SNAKE)) {
                expectByte('[');
                if (!emptyArray()) {
                    do {
                        if (!resourceGiven) {
                            out.resource(scratch.getResource());
                            resourceGiven = true;
                        }
                        scopeSpans();
                    } while (nextElement(']'));
                }
            } else {
                if (resourceGiven && nameIs(RESOURCE)) {
                    throw DECLINED;
                }
                delegate(scratch, 4);
            }
        } while (nextElement('}'));
    }

    private void scopeSpans() throws IOException, MalformedOtlpException, Declined {
        expectByte('{');
        if (emptyObject()) {
            return;
        }
        do {
            name();
            colon();
            if (nameIs(SPANS)) {
                expectByte('[');
                if (!emptyArray()) {
                    do {
                        span();
                    } while (nextElement(']'));
                }
            } else {
                delegate(scopeScratch, 6);
                scopeScratch.clear();
            }
        } while (nextElement('}'));
    }

    private void span() throws IOException, MalformedOtlpException, Declined {
        expectByte('{');
        SpanDraft span = draft;
        span.clear();
        if (!emptyObject()) {
            do {
                name();
                colon();
                if (nameIs(ATTRIBUTES)) {
                    expectByte('[');
                    if (!emptyArray()) {
                        do {
                            keyValue();
                        } while (nextElement(']'));
                    }
                } else if (nameIs(TRACE_ID) || nameIs(TRACE_ID_SNAKE)) {
                    span.traceId = traceId();
                    span.traceIdBytes = span.traceId.length() / 2;
                } else if (nameIs(SPAN_ID) || nameIs(SPAN_ID_SNAKE)) {
                    span.spanId = id(8);
                    span.spanIdBytes = span.spanId.length() / 2;
                } else if (nameIs(PARENT_SPAN_ID) || nameIs(PARENT_SPAN_ID_SNAKE)) {
                    span.parentSpanId = id(8);
                    span.parentSpanIdBytes = span.parentSpanId.length() / 2;
                } else if (nameIs(NAME)) {
                    span.name = string();
                } else if (nameIs(KIND)) {
                    span.kind = smallNumber();
                } else if (nameIs(START) || nameIs(START_SNAKE)) {
                    span.start = unsignedLong();
                } else if (nameIs(END) || nameIs(END_SNAKE)) {
                    span.end = unsignedLong();
                } else if (nameIs(TRACE_STATE) || nameIs(TRACE_STATE_SNAKE)) {
                    span.traceState = string();
                } else if (nameIs(STATUS)) {
                    status();
                } else if (nameIsAny(SPAN_COUNTS) && plainSmallNumber()) {
                    // a count or the flags: checked as the reference checks them, then not kept
                } else if (nameIsAny(SPAN_LISTS) && emptyList()) {
                    // no events or links
                } else {
                    delegate(spanScratch, 8);
                    spanScratch.clear();
                }
            } while (nextElement('}'));
        }
        out.span(span);
    }

    /** A singular message given twice replaces the first, so the status starts over. */
    private void status() throws Declined {
        expectByte('{');
        draft.clearStatus();
        if (emptyObject()) {
            return;
        }
        do {
            name();
            colon();
            if (nameIs(CODE)) {
                draft.statusCode = smallNumber();
            } else if (nameIs(MESSAGE)) {
                draft.statusMessage = string();
            } else {
                throw DECLINED;
            }
        } while (nextElement('}'));
    }

    private void keyValue() throws IOException, MalformedOtlpException, Declined {
        expectByte('{');
        String key = "";
        valueType = NONE;
        if (!emptyObject()) {
            do {
                name();
                colon();
                if (nameIs(KEY)) {
                    key = string();
                } else if (nameIs(VALUE)) {
                    anyValue();
                } else {
                    throw DECLINED;
                }
            } while (nextElement('}'));
        }
        switch (valueType) {
            case STRING -> FastTraceDecoding.string(draft, maxAttributes, maxValueLength, key, valueText);
            case BOOL -> FastTraceDecoding.bool(draft, maxAttributes, key, valueNumber != 0);
            case INT -> FastTraceDecoding.integer(draft, maxAttributes, key, valueNumber);
            case DOUBLE -> FastTraceDecoding.floating(draft, maxAttributes, key, valueDouble);
            case NESTED -> FastTraceDecoding.any(draft, sanitizer, maxAttributes, key, valueNested);
            default -> FastTraceDecoding.unset(draft, maxAttributes, key);
        }
    }

    /** The oneof of an AnyValue: the last member given wins, as in the reference. */
    private void anyValue() throws IOException, MalformedOtlpException, Declined {
        expectByte('{');
        valueType = NONE;
        if (emptyObject()) {
            return;
        }
        do {
            name();
            colon();
            if (nameIs(STRING_VALUE) || nameIs(STRING_VALUE_SNAKE)) {
                valueText = string();
                valueType = STRING;
            } else if (nameIs(INT_VALUE) || nameIs(INT_VALUE_SNAKE)) {
                valueNumber = signedLong();
                valueType = INT;
            } else if (nameIs(BOOL_VALUE) || nameIs(BOOL_VALUE_SNAKE)) {
                valueNumber = bool() ? 1 : 0;
                valueType = BOOL;
            } else if (nameIs(DOUBLE_VALUE) || nameIs(DOUBLE_VALUE_SNAKE)) {
                valueDouble = doubleNumber();
                valueType = DOUBLE;
            } else if (nameIsAny(NESTED_VALUES)) {
                AnyValue.Builder nested = AnyValue.newBuilder();
                delegate(nested, 12);
                if (nested.getValueCase() != AnyValue.ValueCase.VALUE_NOT_SET) {
                    valueNested = nested.build();
                    valueType = NESTED;
                }
            } else {
                throw DECLINED;
            }
        } while (nextElement('}'));
    }

    /**
     * Reads the value at {@link #pos}, a field of {@code builder}'s message named by the last name, from exactly its
     * bytes with the reference's own reader. {@code depth} is the value's nesting depth in the document.
     */
    private void delegate(Message.Builder builder, int depth) throws IOException, MalformedOtlpException, Declined {
        String name = new String(body, nameStart, nameLength, StandardCharsets.ISO_8859_1);
        int start = pos;
        skipValue(depth);
        try (JsonParser parser = OtlpJsonReader.parser(body, start, pos - start)) {
            parser.nextToken();
            OtlpJsonReader.readField(parser, builder, name);
            expect(parser.nextToken() == null);
        }
    }

    // ---- structure

    private void whitespace() {
        byte[] bytes = body;
        while (pos < limit) {
            byte b = bytes[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private void expectByte(int expected) throws Declined {
        whitespace();
        if (pos >= limit || body[pos] != expected) {
            throw DECLINED;
        }
        pos++;
    }

    /** After an object's opening brace: true (and past it) when the closing brace follows. */
    private boolean emptyObject() {
        whitespace();
        if (pos < limit && body[pos] == '}') {
            pos++;
            return true;
        }
        return false;
    }

    private boolean emptyArray() {
        whitespace();
        if (pos < limit && body[pos] == ']') {
            pos++;
            return true;
        }
        return false;
    }

    /** After a member or an element: true past a comma, false past the closing {@code close}. */
    private boolean nextElement(int close) throws Declined {
        whitespace();
        if (pos < limit) {
            byte b = body[pos++];
            if (b == ',') {
                return true;
            }
            if (b == close) {
                return false;
            }
        }
        throw DECLINED;
    }

    private void colon() throws Declined {
        expectByte(':');
        whitespace();
    }

    /** A field name of printable ASCII without escapes. */
    private void name() throws Declined {
        expectByte('"');
        nameStart = pos;
        nameLength = plainString();
    }

    private boolean nameIs(byte[] name) {
        if (nameLength != name.length) {
            return false;
        }
        byte[] bytes = body;
        int start = nameStart;
        for (int i = 0; i < name.length; i++) {
            if (bytes[start + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean nameIsAny(byte[][] names) {
        for (byte[] name : names) {
            if (nameIs(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The rest of a string whose opening quote was read, up to and past its closing quote, when it is printable ASCII
     * without escapes (what its bytes then are as text); its length in bytes.
     */
    private int plainString() throws Declined {
        byte[] bytes = body;
        int start = pos;
        int end = Math.min(limit, start + MAX_STRING);
        int i = start;
        // eight bytes at a time while none is a quote, a backslash, a control character or not ASCII
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            long quote = word ^ QUOTES;
            long backslash = word ^ BACKSLASHES;
            long special =
                    ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | ((word - SPACES) & ~word) | word;
            if ((special & HIGH_BITS) != 0) {
                break;
            }
        }
        for (; i < end; i++) {
            byte b = bytes[i];
            if (b == '"') {
                pos = i + 1;
                return i - start;
            }
            // control characters, escapes and every byte of UTF-8's multi-byte sequences (negative)
            if (b < 0x20 || b == '\\') {
                throw DECLINED;
            }
        }
        throw DECLINED;
    }

    // ---- values

    private String string() throws Declined {
        expectByte('"');
        int start = pos;
        int length = plainString();
        return strings.utf8(body, start, length);
    }

    private String traceId() throws Declined {
        expectByte('"');
        int start = pos;
        int length = plainString();
        if (length == 32
                && lastTraceIdStart >= 0
                && Arrays.equals(body, lastTraceIdStart, lastTraceIdStart + 32, body, start, start + 32)) {
            return lastTraceId;
        }
        String id = hex(start, length, 16);
        if (length == 32) {
            lastTraceIdStart = start;
            lastTraceId = id;
        }
        return id;
    }

    private String id(int bytes) throws Declined {
        expectByte('"');
        int start = pos;
        return hex(start, plainString(), bytes);
    }

    /** An id as it is when it is lowercase hex of its size, or empty; any other is left to the reference's checks. */
    private String hex(int start, int length, int bytes) throws Declined {
        if (length == 0) {
            return "";
        }
        if (length != bytes * 2) {
            throw DECLINED;
        }
        byte[] text = body;
        for (int i = start, end = start + length; i < end; i++) {
            int c = text[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw DECLINED;
            }
        }
        return new String(text, start, length, StandardCharsets.ISO_8859_1);
    }

    /** An enum as a plain number of up to nine digits; names and anything else are left to the reference. */
    private int smallNumber() throws Declined {
        whitespace();
        int start = pos;
        long value = digits(9);
        if (body[start] == '0' && pos - start > 1) {
            throw DECLINED;
        }
        numberEnd();
        return (int) value;
    }

    /** True, and past it, when the value is a plain number of up to nine digits; otherwise it stays unread. */
    private boolean plainSmallNumber() {
        int start = pos;
        try {
            smallNumber();
            return true;
        } catch (Declined e) {
            pos = start;
            return false;
        }
    }

    /** True, and past it, when the value is an empty array; otherwise it stays unread. */
    private boolean emptyList() {
        int start = pos;
        if (pos < limit && body[pos] == '[') {
            pos++;
            if (emptyArray()) {
                return true;
            }
        }
        pos = start;
        return false;
    }

    /** A fixed64 as senders write it: a string or a plain number of up to 19 digits (below 2^64). */
    private long unsignedLong() throws Declined {
        whitespace();
        if (pos < limit && body[pos] == '"') {
            pos++;
            int start = pos;
            long value = digits(19);
            if (pos == start || pos >= limit || body[pos] != '"') {
                throw DECLINED;
            }
            pos++;
            // 19 digits may pass 2^63: the wrapped sum is the unsigned value, as Long.parseUnsignedLong gives it
            return value;
        }
        // as a number too: the wrapped sum is the low 64 bits the reference takes of a number past 2^63
        return plainNumber(19);
    }

    /** An int64 as senders write it: a string of an optional minus and up to 18 digits, or such a plain number. */
    private long signedLong() throws Declined {
        whitespace();
        if (pos < limit && body[pos] == '"') {
            pos++;
            boolean negative = pos < limit && body[pos] == '-';
            if (negative) {
                pos++;
            }
            int start = pos;
            long value = digits(18);
            if (pos == start || pos >= limit || body[pos] != '"') {
                throw DECLINED;
            }
            pos++;
            return negative ? -value : value;
        }
        boolean negative = pos < limit && body[pos] == '-';
        if (negative) {
            pos++;
        }
        long value = plainNumber(18);
        return negative ? -value : value;
    }

    /** A JSON integer without sign of up to {@code max} digits, no leading zero, then the end of the number. */
    private long plainNumber(int max) throws Declined {
        int start = pos;
        long value = digits(max);
        if (pos == start || (body[start] == '0' && pos - start > 1)) {
            throw DECLINED;
        }
        numberEnd();
        return value;
    }

    /** Up to {@code max} decimal digits; more are declined. */
    private long digits(int max) throws Declined {
        byte[] bytes = body;
        long value = 0;
        int start = pos;
        int i = pos;
        while (i < limit) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            value = value * 10 + digit;
            i++;
        }
        if (i == start || i - start > max) {
            throw DECLINED;
        }
        pos = i;
        return value;
    }

    /** A number must end where JSON lets it: no fraction or exponent here, no letters glued on. */
    private void numberEnd() throws Declined {
        if (pos < limit) {
            byte b = body[pos];
            if (!(b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t')) {
                throw DECLINED;
            }
        }
    }

    private boolean bool() throws Declined {
        whitespace();
        boolean value;
        if (literal("true")) {
            value = true;
        } else if (literal("false")) {
            value = false;
        } else {
            throw DECLINED;
        }
        numberEnd();
        return value;
    }

    private boolean literal(String word) {
        if (limit - pos < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (body[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        pos += word.length();
        return true;
    }

    /**
     * A JSON number (not a string) as Jackson's {@code getDoubleValue} reads it: an integer through a long (so "-0"
     * is 0.0, as there), anything else parsed from its text.
     */
    private double doubleNumber() throws Declined {
        whitespace();
        int start = pos;
        skipNumber();
        numberEnd();
        boolean integer = true;
        for (int i = start; i < pos; i++) {
            byte b = body[i];
            integer &= b != '.' && b != 'e' && b != 'E';
        }
        if (!integer) {
            return Double.parseDouble(new String(body, start, pos - start, StandardCharsets.ISO_8859_1));
        }
        boolean negative = body[start] == '-';
        int end = pos;
        pos = negative ? start + 1 : start;
        long value = digits(18);
        pos = end;
        return negative ? -value : value;
    }

    // ---- skipping a value to find its extent

    private void skipValue(int depth) throws Declined {
        whitespace();
        if (pos >= limit) {
            throw DECLINED;
        }
        byte b = body[pos];
        switch (b) {
            case '{' -> {
                checkDepth(depth);
                pos++;
                if (!emptyObject()) {
                    do {
                        name();
                        colon();
                        skipValue(depth + 1);
                    } while (nextElement('}'));
                }
            }
            case '[' -> {
                checkDepth(depth);
                pos++;
                if (!emptyArray()) {
                    do {
                        skipValue(depth + 1);
                    } while (nextElement(']'));
                }
            }
            case '"' -> {
                pos++;
                skipString();
            }
            case 't' -> literalValue("true");
            case 'f' -> literalValue("false");
            case 'n' -> literalValue("null");
            default -> {
                skipNumber();
                numberEnd();
            }
        }
    }

    private static void checkDepth(int depth) throws Declined {
        if (depth >= MAX_DEPTH) {
            throw DECLINED;
        }
    }

    private void literalValue(String word) throws Declined {
        if (!literal(word)) {
            throw DECLINED;
        }
        numberEnd();
    }

    /** Any string, escapes and UTF-8 included: only its end is needed, Jackson reads it afterwards. */
    private void skipString() throws Declined {
        byte[] bytes = body;
        int end = Math.min(limit, pos + MAX_STRING);
        for (int i = pos; i < end; i++) {
            byte b = bytes[i];
            if (b == '"') {
                pos = i + 1;
                return;
            }
            if (b == '\\') {
                i++;
            } else if (b >= 0 && b < 0x20) {
                throw DECLINED;
            }
        }
        throw DECLINED;
    }

    /** JSON's number grammar: an optional minus, an integer without leading zeros, a fraction, an exponent. */
    private void skipNumber() throws Declined {
        byte[] bytes = body;
        int start = pos;
        int i = pos;
        if (i < limit && bytes[i] == '-') {
            i++;
        }
        int integer = i;
        while (i < limit && bytes[i] >= '0' && bytes[i] <= '9') {
            i++;
        }
        if (i == integer || (bytes[integer] == '0' && i - integer > 1)) {
            throw DECLINED;
        }
        if (i < limit && bytes[i] == '.') {
            int fraction = ++i;
            while (i < limit && bytes[i] >= '0' && bytes[i] <= '9') {
                i++;
            }
            if (i == fraction) {
                throw DECLINED;
            }
        }
        if (i < limit && (bytes[i] == 'e' || bytes[i] == 'E')) {
            i++;
            if (i < limit && (bytes[i] == '+' || bytes[i] == '-')) {
                i++;
            }
            int exponent = i;
            while (i < limit && bytes[i] >= '0' && bytes[i] <= '9') {
                i++;
            }
            if (i == exponent) {
                throw DECLINED;
            }
        }
        if (i - start > MAX_NUMBER) {
            throw DECLINED;
        }
        pos = i;
    }

    private static void expect(boolean condition) throws Declined {
        if (!condition) {
            throw DECLINED;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
