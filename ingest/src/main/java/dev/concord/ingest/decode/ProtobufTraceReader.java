package dev.concord.ingest.decode;

import static dev.concord.ingest.decode.FastTraceDecoding.DECLINED;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.WireFormat;
import dev.concord.ingest.decode.FastTraceDecoding.Declined;
import dev.concord.ingest.otlp.HexIds;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;

/**
 * Reads an OTLP protobuf traces request straight from the wire into canonical records, without building the generated
 * messages for spans and their attributes (their objects cost more than the decoding). Parts that are rare or not
 * mapped (resources, scopes, events, links, array and map values) are read with the generated parsers, so anything
 * they reject is rejected here too. Anything unusual ({@link Declined}) leaves the request to the reference path.
 */
final class ProtobufTraceReader {

    /**
     * The reference parser's recursion limit, less the levels this reader walks by hand: a generated parser started
     * here never accepts what the reference would refuse as too deep.
     */
    private static final int RECURSION_LIMIT = 100 - 6;

    private static final int REQUEST_RESOURCE_SPANS = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int RESOURCE_SPANS_RESOURCE = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int RESOURCE_SPANS_SCOPE_SPANS = tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int RESOURCE_SPANS_SCHEMA_URL = tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int SCOPE_SPANS_SCOPE = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int SCOPE_SPANS_SPANS = tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int SCOPE_SPANS_SCHEMA_URL = tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int SPAN_TRACE_ID = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int SPAN_SPAN_ID = tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int SPAN_TRACE_STATE = tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int SPAN_PARENT_SPAN_ID = tag(4, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int SPAN_NAME = tag(5, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int SPAN_KIND = tag(6, WireFormat.WIRETYPE_VARINT);
    private static final int SPAN_START = tag(7, WireFormat.WIRETYPE_FIXED64);
    private static final int SPAN_END = tag(8, WireFormat.WIRETYPE_FIXED64);
    private static final int SPAN_ATTRIBUTES = tag(9, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int SPAN_EVENTS = tag(11, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int SPAN_LINKS = tag(13, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int SPAN_STATUS = tag(15, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int STATUS_MESSAGE = tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int STATUS_CODE = tag(3, WireFormat.WIRETYPE_VARINT);
    private static final int KEY_VALUE_KEY = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int KEY_VALUE_VALUE = tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int ANY_STRING = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int ANY_BOOL = tag(2, WireFormat.WIRETYPE_VARINT);
    private static final int ANY_INT = tag(3, WireFormat.WIRETYPE_VARINT);
    private static final int ANY_DOUBLE = tag(4, WireFormat.WIRETYPE_FIXED64);
    private static final int ANY_BYTES = tag(7, WireFormat.WIRETYPE_LENGTH_DELIMITED);

    private static final int ANY_NONE = 0;
    private static final int ANY_IS_STRING = 1;
    private static final int ANY_IS_BOOL = 2;
    private static final int ANY_IS_INT = 3;
    private static final int ANY_IS_DOUBLE = 4;
    private static final int ANY_IS_BYTES = 7;

    private final AttributeSanitizer sanitizer;
    private final int maxAttributes;
    private final int maxValueLength;
    private final TraceAssembler out;
    private final SpanDraft draft = new SpanDraft();
    private final StringCache strings = new StringCache();
    private byte[] payload;
    /** The hex of the id {@link #readId} read last. */
    private String lastId;

    ProtobufTraceReader(AttributeSanitizer sanitizer, DecodeLimits limits, TraceAssembler out) {
        this.sanitizer = sanitizer;
        this.maxAttributes = limits.maxAttributes();
        this.maxValueLength = limits.maxAttributeValueLength();
        this.out = out;
    }

    void read(byte[] body, int length) throws Declined {
        this.payload = body;
        try {
            CodedInputStream input = input(0, length);
            for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
                if (tag == REQUEST_RESOURCE_SPANS) {
                    int size = input.readRawVarint32();
                    int start = input.getTotalBytesRead();
                    input.skipRawBytes(size);
                    resourceSpans(start, size);
                } else {
                    skip(input, tag);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw DECLINED;
        }
    }

    /** Two passes: the resource may follow its spans on the wire, and every span needs it. */
    private void resourceSpans(int offset, int length) throws IOException, Declined {
        CodedInputStream input = input(offset, length);
        Resource.Builder resource = Resource.newBuilder();
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            if (tag == RESOURCE_SPANS_RESOURCE) {
                // a repeated singular message merges, as the reference parser merges it
                int size = input.readRawVarint32();
                int start = input.getTotalBytesRead();
                input.skipRawBytes(size);
                CodedInputStream part = input(offset + start, size);
                resource.mergeFrom(part);
                part.checkLastTagWas(0);
            } else if (tag == RESOURCE_SPANS_SCHEMA_URL) {
                input.readStringRequireUtf8();
            } else {
                skip(input, tag);
            }
        }
        out.resource(resource.build());
        input = input(offset, length);
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            if (tag == RESOURCE_SPANS_SCOPE_SPANS) {
                int size = input.readRawVarint32();
                int start = input.getTotalBytesRead();
                input.skipRawBytes(size);
                scopeSpans(input(offset + start, size), offset + start);
            } else {
                input.skipField(tag);
            }
        }
    }

    private void scopeSpans(CodedInputStream input, int offset) throws IOException, Declined {
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            if (tag == SCOPE_SPANS_SPANS) {
                int size = input.readRawVarint32();
                int limit = input.pushLimit(size);
                span(input, offset);
                input.popLimit(limit);
            } else if (tag == SCOPE_SPANS_SCOPE) {
                input.readMessage(InstrumentationScope.parser(), ExtensionRegistryLite.getEmptyRegistry());
            } else if (tag == SCOPE_SPANS_SCHEMA_URL) {
                input.readStringRequireUtf8();
            } else {
                skip(input, tag);
            }
        }
    }

    private void span(CodedInputStream input, int offset) throws IOException, Declined {
        SpanDraft span = draft;
        span.clear();
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            // attributes first: most of a span's fields are its attributes
            if (tag == SPAN_ATTRIBUTES) {
                int size = input.readRawVarint32();
                int limit = input.pushLimit(size);
                keyValue(input, offset);
                input.popLimit(limit);
            } else if (tag == SPAN_TRACE_ID) {
                span.traceIdBytes = readId(input, offset);
                span.traceId = lastId;
            } else if (tag == SPAN_SPAN_ID) {
                span.spanIdBytes = readId(input, offset);
                span.spanId = lastId;
            } else if (tag == SPAN_PARENT_SPAN_ID) {
                span.parentSpanIdBytes = readId(input, offset);
                span.parentSpanId = lastId;
            } else if (tag == SPAN_TRACE_STATE) {
                span.traceState = string(input, offset);
            } else if (tag == SPAN_NAME) {
                span.name = string(input, offset);
            } else if (tag == SPAN_KIND) {
                span.kind = input.readEnum();
            } else if (tag == SPAN_START) {
                span.start = input.readFixed64();
            } else if (tag == SPAN_END) {
                span.end = input.readFixed64();
            } else if (tag == SPAN_STATUS) {
                // merging a repeated status is reading on into the same fields
                int size = input.readRawVarint32();
                int limit = input.pushLimit(size);
                status(input, offset);
                input.popLimit(limit);
            } else if (tag == SPAN_EVENTS) {
                input.readMessage(Span.Event.parser(), ExtensionRegistryLite.getEmptyRegistry());
            } else if (tag == SPAN_LINKS) {
                input.readMessage(Span.Link.parser(), ExtensionRegistryLite.getEmptyRegistry());
            } else {
                skip(input, tag);
            }
        }
        out.span(span);
    }

    /** Reads an id of any length as hex straight from the payload; the assembler judges the length. */
    private int readId(CodedInputStream input, int offset) throws IOException {
        int size = input.readRawVarint32();
        int start = offset + input.getTotalBytesRead();
        input.skipRawBytes(size);
        lastId = size == 0 ? "" : HexIds.toHex(payload, start, size);
        return size;
    }

    private void status(CodedInputStream input, int offset) throws IOException, Declined {
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            if (tag == STATUS_MESSAGE) {
                draft.statusMessage = string(input, offset);
            } else if (tag == STATUS_CODE) {
                draft.statusCode = input.readEnum();
            } else {
                skip(input, tag);
            }
        }
    }

    private void keyValue(CodedInputStream input, int offset) throws IOException, Declined {
        String key = "";
        boolean valueSeen = false;
        int valueCase = ANY_NONE;
        String string = null;
        long number = 0;
        double floating = 0;
        int bytesStart = 0;
        int bytesSize = 0;
        int anyStart = 0;
        int anySize = 0;
        boolean nested = false;
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            if (tag == KEY_VALUE_KEY) {
                key = string(input, offset);
            } else if (tag == KEY_VALUE_VALUE) {
                if (valueSeen) {
                    // two values merge field by field in the reference; too rare to copy that here
                    throw DECLINED;
                }
                valueSeen = true;
                anySize = input.readRawVarint32();
                anyStart = input.getTotalBytesRead();
                int limit = input.pushLimit(anySize);
                for (int any = input.readTag(); any != 0; any = input.readTag()) {
                    if (any == ANY_STRING) {
                        valueCase = ANY_IS_STRING;
                        string = string(input, offset);
                    } else if (any == ANY_BOOL) {
                        valueCase = ANY_IS_BOOL;
                        number = input.readBool() ? 1 : 0;
                    } else if (any == ANY_INT) {
                        valueCase = ANY_IS_INT;
                        number = input.readInt64();
                    } else if (any == ANY_DOUBLE) {
                        valueCase = ANY_IS_DOUBLE;
                        floating = input.readDouble();
                    } else if (any == ANY_BYTES) {
                        valueCase = ANY_IS_BYTES;
                        bytesSize = input.readRawVarint32();
                        bytesStart = offset + input.getTotalBytesRead();
                        input.skipRawBytes(bytesSize);
                    } else {
                        // arrays, maps, string-table indexes, unknown fields: the generated parser reads them below
                        nested = true;
                        skip(input, any);
                    }
                }
                input.popLimit(limit);
            } else {
                skip(input, tag);
            }
        }
        if (nested) {
            CodedInputStream part = input(offset + anyStart, anySize);
            AnyValue value = AnyValue.parseFrom(part);
            part.checkLastTagWas(0);
            FastTraceDecoding.any(draft, sanitizer, maxAttributes, key, value);
            return;
        }
        switch (valueCase) {
            case ANY_IS_STRING -> FastTraceDecoding.string(draft, maxAttributes, maxValueLength, key, string);
            case ANY_IS_BOOL -> FastTraceDecoding.bool(draft, maxAttributes, key, number != 0);
            case ANY_IS_INT -> FastTraceDecoding.integer(draft, maxAttributes, key, number);
            case ANY_IS_DOUBLE -> FastTraceDecoding.floating(draft, maxAttributes, key, floating);
            case ANY_IS_BYTES ->
                FastTraceDecoding.bytes(draft, maxAttributes, maxValueLength, key, payload, bytesStart, bytesSize);
            default -> FastTraceDecoding.unset(draft, maxAttributes, key);
        }
    }

    /** A string field read from the payload in place, through the request's cache. */
    private String string(CodedInputStream input, int offset) throws IOException, Declined {
        int size = input.readRawVarint32();
        int start = offset + input.getTotalBytesRead();
        input.skipRawBytes(size);
        return strings.utf8(payload, start, size);
    }

    private CodedInputStream input(int offset, int length) {
        CodedInputStream input = CodedInputStream.newInstance(payload, offset, length);
        input.setRecursionLimit(RECURSION_LIMIT);
        return input;
    }

    /** Skips an unknown field; groups are left to the reference, whose handling of them is intricate. */
    private static void skip(CodedInputStream input, int tag) throws IOException, Declined {
        int wireType = WireFormat.getTagWireType(tag);
        if (wireType == WireFormat.WIRETYPE_START_GROUP || wireType == WireFormat.WIRETYPE_END_GROUP) {
            throw DECLINED;
        }
        input.skipField(tag);
    }

    private static int tag(int field, int wireType) {
        return (field << 3) | wireType;
    }
}
