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
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads an OTLP protobuf traces request straight from the wire into canonical records, without building the generated
 * messages for spans and their attributes (their objects cost more than the decoding). The wire is walked by hand over
 * the payload array, because {@code CodedInputStream}'s limits and bookkeeping per field showed high in the profile.
 * Parts that are rare or not mapped (resources, scopes, events, links, array and map values) are read with the
 * generated parsers, so anything they reject is rejected here too. Anything unusual ({@link Declined}) leaves the
 * request to the reference path, which then gives the same records or the same error: tags or lengths written with
 * needless bytes, groups, a length past its parent.
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

    private static final int WIRE_VARINT = WireFormat.WIRETYPE_VARINT;
    private static final int WIRE_FIXED64 = WireFormat.WIRETYPE_FIXED64;
    private static final int WIRE_LENGTH_DELIMITED = WireFormat.WIRETYPE_LENGTH_DELIMITED;
    private static final int WIRE_FIXED32 = WireFormat.WIRETYPE_FIXED32;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int TRACE_ID = 0;
    private static final int SPAN_ID = 1;
    private static final int PARENT_ID = 2;

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
    /** The read position in {@link #payload}. */
    private int pos;
    /**
     * Per id field (trace, span, parent): where the id read last starts, its size and its hex, since the spans of one
     * trace follow each other.
     */
    private final int[] lastIdStart = {-1, -1, -1};

    private final int[] lastIdSize = new int[3];
    private final String[] lastId = {"", "", ""};
    /** Where ids are hex-encoded before they are copied into their strings. */
    private byte[] hexScratch = new byte[32];
    /**
     * Per attribute index of a span: where the attribute message read last at that index starts and its size (-1 for
     * none). Spans of one request mostly repeat their attributes in the same order, byte for byte, and an attribute
     * equal to the one the previous span had at its index gives the same draft entry, which is still in place.
     */
    private int[] attributeStarts = new int[0];

    private int[] attributeSizes = new int[0];

    ProtobufTraceReader(AttributeSanitizer sanitizer, DecodeLimits limits, TraceAssembler out) {
        this.sanitizer = sanitizer;
        this.maxAttributes = limits.maxAttributes();
        this.maxValueLength = limits.maxAttributeValueLength();
        this.out = out;
    }

    void read(byte[] body, int length) throws Declined {
        this.payload = body;
        this.pos = 0;
        try {
            if (length > body.length) {
                throw DECLINED;
            }
            while (pos < length) {
                int tag = tag();
                if (tag == REQUEST_RESOURCE_SPANS) {
                    int size = length(length);
                    int start = pos;
                    pos += size;
                    resourceSpans(start, start + size);
                    pos = start + size;
                } else {
                    skip(tag, length);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw DECLINED;
        }
    }

    /** Two passes: the resource may follow its spans on the wire, and every span needs it. */
    private void resourceSpans(int start, int end) throws IOException, Declined {
        Resource.Builder resource = Resource.newBuilder();
        pos = start;
        while (pos < end) {
            int tag = tag();
            if (tag == RESOURCE_SPANS_RESOURCE) {
                // a repeated singular message merges, as the reference parser merges it
                int size = length(end);
                CodedInputStream part = input(pos, size);
                resource.mergeFrom(part);
                part.checkLastTagWas(0);
                pos += size;
            } else if (tag == RESOURCE_SPANS_SCHEMA_URL) {
                string(end);
            } else {
                skip(tag, end);
            }
        }
        out.resource(resource.build());
        pos = start;
        while (pos < end) {
            int tag = tag();
            if (tag == RESOURCE_SPANS_SCOPE_SPANS) {
                int size = length(end);
                int scopeEnd = pos + size;
                scopeSpans(scopeEnd);
                pos = scopeEnd;
            } else {
                skip(tag, end);
            }
        }
    }

    private void scopeSpans(int end) throws IOException, Declined {
        while (pos < end) {
            int tag = tag();
            if (tag == SCOPE_SPANS_SPANS) {
                int size = length(end);
                int spanEnd = pos + size;
                span(spanEnd);
                pos = spanEnd;
            } else if (tag == SCOPE_SPANS_SCOPE) {
                message(InstrumentationScope.parser(), end);
            } else if (tag == SCOPE_SPANS_SCHEMA_URL) {
                string(end);
            } else {
                skip(tag, end);
            }
        }
    }

    private void span(int end) throws IOException, Declined {
        SpanDraft span = draft;
        span.clear();
        while (pos < end) {
            int tag = tag();
            // attributes first: most of a span's fields are its attributes
            if (tag == SPAN_ATTRIBUTES) {
                int size = length(end);
                int attributeEnd = pos + size;
                int index = span.attributeCount;
                if (index < attributeSizes.length
                        && attributeSizes[index] == size
                        && sameBytes(attributeStarts[index], pos, size)) {
                    // the draft's slot still holds what the same bytes gave the span before
                    span.attributeCount++;
                } else {
                    int start = pos;
                    keyValue(attributeEnd);
                    remember(index, start, size);
                }
                pos = attributeEnd;
            } else if (tag == SPAN_TRACE_ID) {
                span.traceIdBytes = id(TRACE_ID, end);
                span.traceId = lastId[TRACE_ID];
            } else if (tag == SPAN_SPAN_ID) {
                span.spanIdBytes = id(SPAN_ID, end);
                span.spanId = lastId[SPAN_ID];
            } else if (tag == SPAN_PARENT_SPAN_ID) {
                span.parentSpanIdBytes = id(PARENT_ID, end);
                span.parentSpanId = lastId[PARENT_ID];
            } else if (tag == SPAN_TRACE_STATE) {
                span.traceState = string(end);
            } else if (tag == SPAN_NAME) {
                span.name = string(end);
            } else if (tag == SPAN_KIND) {
                span.kind = (int) varint(end);
            } else if (tag == SPAN_START) {
                span.start = fixed64(end);
            } else if (tag == SPAN_END) {
                span.end = fixed64(end);
            } else if (tag == SPAN_STATUS) {
                // merging a repeated status is reading on into the same fields
                int size = length(end);
                int statusEnd = pos + size;
                status(statusEnd);
                pos = statusEnd;
            } else if (tag == SPAN_EVENTS) {
                message(Span.Event.parser(), end);
            } else if (tag == SPAN_LINKS) {
                message(Span.Link.parser(), end);
            } else {
                skip(tag, end);
            }
        }
        out.span(span);
    }

    /**
     * Reads an id of any length as hex straight from the payload; the assembler judges the length. The spans of a
     * trace usually follow each other, so an id equal to the one before reuses its hex.
     */
    private int id(int field, int end) throws Declined {
        int size = length(end);
        int start = pos;
        pos += size;
        if (size == 0) {
            lastIdStart[field] = -1;
            lastId[field] = "";
        } else if (lastIdStart[field] < 0 || size != lastIdSize[field] || !sameBytes(lastIdStart[field], start, size)) {
            if (hexScratch.length < size * 2) {
                hexScratch = new byte[size * 2];
            }
            lastId[field] = HexIds.toHex(payload, start, size, hexScratch);
            lastIdStart[field] = start;
            lastIdSize[field] = size;
        }
        return size;
    }

    /**
     * Remembers the attribute message just read at {@code index} of the current span: below the limit each is one
     * draft entry at its own index; those past it are not kept, so not remembered.
     */
    private void remember(int index, int start, int size) {
        if (index >= maxAttributes) {
            return;
        }
        if (index >= attributeSizes.length) {
            int grown = Math.min(maxAttributes, Math.max(16, index * 2));
            int old = attributeSizes.length;
            attributeStarts = Arrays.copyOf(attributeStarts, grown);
            attributeSizes = Arrays.copyOf(attributeSizes, grown);
            Arrays.fill(attributeSizes, old, grown, -1);
        }
        attributeStarts[index] = start;
        attributeSizes[index] = size;
    }

    /** Eight bytes at a time; a tail as the last eight bytes, overlapping the ones compared before. */
    private boolean sameBytes(int a, int b, int size) {
        byte[] bytes = payload;
        if (size < Long.BYTES) {
            for (int i = 0; i < size; i++) {
                if (bytes[a + i] != bytes[b + i]) {
                    return false;
                }
            }
            return true;
        }
        int last = size - Long.BYTES;
        for (int i = 0; i < last; i += Long.BYTES) {
            if ((long) LONGS.get(bytes, a + i) != (long) LONGS.get(bytes, b + i)) {
                return false;
            }
        }
        return (long) LONGS.get(bytes, a + last) == (long) LONGS.get(bytes, b + last);
    }

    private void status(int end) throws Declined {
        while (pos < end) {
            int tag = tag();
            if (tag == STATUS_MESSAGE) {
                draft.statusMessage = string(end);
            } else if (tag == STATUS_CODE) {
                draft.statusCode = (int) varint(end);
            } else {
                skip(tag, end);
            }
        }
    }

    private void keyValue(int end) throws IOException, Declined {
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
        while (pos < end) {
            int tag = tag();
            if (tag == KEY_VALUE_KEY) {
                key = string(end);
            } else if (tag == KEY_VALUE_VALUE) {
                if (valueSeen) {
                    // two values merge field by field in the reference; too rare to copy that here
                    throw DECLINED;
                }
                valueSeen = true;
                anySize = length(end);
                anyStart = pos;
                int anyEnd = anyStart + anySize;
                while (pos < anyEnd) {
                    int any = tag();
                    if (any == ANY_STRING) {
                        valueCase = ANY_IS_STRING;
                        string = string(anyEnd);
                    } else if (any == ANY_BOOL) {
                        valueCase = ANY_IS_BOOL;
                        number = varint(anyEnd) != 0 ? 1 : 0;
                    } else if (any == ANY_INT) {
                        valueCase = ANY_IS_INT;
                        number = varint(anyEnd);
                    } else if (any == ANY_DOUBLE) {
                        valueCase = ANY_IS_DOUBLE;
                        floating = Double.longBitsToDouble(fixed64(anyEnd));
                    } else if (any == ANY_BYTES) {
                        valueCase = ANY_IS_BYTES;
                        bytesSize = length(anyEnd);
                        bytesStart = pos;
                        pos += bytesSize;
                    } else {
                        // arrays, maps, string-table indexes, unknown fields: the generated parser reads them below
                        nested = true;
                        skip(any, anyEnd);
                    }
                }
            } else {
                skip(tag, end);
            }
        }
        if (nested) {
            CodedInputStream part = input(anyStart, anySize);
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
    private String string(int end) throws Declined {
        int size = length(end);
        int start = pos;
        pos += size;
        return strings.utf8(payload, start, size);
    }

    /** An embedded message read by its generated parser, as {@code CodedInputStream.readMessage} reads it. */
    private void message(com.google.protobuf.Parser<?> parser, int end) throws IOException, Declined {
        int size = length(end);
        CodedInputStream part = input(pos, size);
        parser.parsePartialFrom(part, ExtensionRegistryLite.getEmptyRegistry());
        part.checkLastTagWas(0);
        pos += size;
    }

    private CodedInputStream input(int offset, int length) {
        CodedInputStream input = CodedInputStream.newInstance(payload, offset, length);
        input.setRecursionLimit(RECURSION_LIMIT);
        return input;
    }

    /**
     * A field's tag. Only tags of one to three bytes with a field number are read here (every field of OTLP has one);
     * anything else is declined.
     */
    private int tag() throws Declined {
        byte[] bytes = payload;
        int b = bytes[pos++];
        int tag;
        if (b >= 0) {
            tag = b;
        } else {
            tag = b & 0x7f;
            b = bytes[pos++];
            if (b >= 0) {
                tag |= b << 7;
                if (b == 0) {
                    throw DECLINED;
                }
            } else {
                tag |= (b & 0x7f) << 7;
                b = bytes[pos++];
                if (b <= 0) {
                    throw DECLINED;
                }
                tag |= b << 14;
            }
        }
        if (tag >>> 3 == 0) {
            throw DECLINED;
        }
        return tag;
    }

    /**
     * A length-delimited field's length, which must fit in what is left of its parent; lengths over four bytes
     * (256 MiB) or written with needless bytes are declined.
     */
    private int length(int end) throws Declined {
        byte[] bytes = payload;
        int size = bytes[pos++];
        if (size < 0) {
            size &= 0x7f;
            int shift = 7;
            while (true) {
                int b = bytes[pos++];
                if (shift == 28 || (b == 0)) {
                    throw DECLINED;
                }
                size |= (b & 0x7f) << shift;
                if (b >= 0) {
                    break;
                }
                shift += 7;
            }
        }
        if (size > end - pos) {
            throw DECLINED;
        }
        return size;
    }

    /** A varint of up to ten bytes as {@code readRawVarint64} reads it, which must end before {@code end}. */
    private long varint(int end) throws Declined {
        byte[] bytes = payload;
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = bytes[pos++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                if (pos > end) {
                    throw DECLINED;
                }
                return value;
            }
        }
        throw DECLINED;
    }

    private long fixed64(int end) throws Declined {
        if (end - pos < Long.BYTES) {
            throw DECLINED;
        }
        long value = (long) LONGS.get(payload, pos);
        pos += Long.BYTES;
        return value;
    }

    /** Skips an unknown field; groups are left to the reference, whose handling of them is intricate. */
    private void skip(int tag, int end) throws Declined {
        switch (tag & 7) {
            case WIRE_VARINT -> varint(end);
            case WIRE_FIXED64 -> {
                if (end - pos < Long.BYTES) {
                    throw DECLINED;
                }
                pos += Long.BYTES;
            }
            case WIRE_LENGTH_DELIMITED -> {
                int size = length(end);
                pos += size;
            }
            case WIRE_FIXED32 -> {
                if (end - pos < Integer.BYTES) {
                    throw DECLINED;
                }
                pos += Integer.BYTES;
            }
            default -> throw DECLINED;
        }
    }

    private static int tag(int field, int wireType) {
        return (field << 3) | wireType;
    }
}
