package dev.concord.ingest.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer for {@link Span}, the record every Concord pipeline reads and shuffles. The generic POJO
 * serializer it replaces spent most of its time per field and per character ({@code StringValue} reads a string one
 * byte at a time through the input view); this one writes each string as a length and its UTF-8 bytes, read back
 * eight bytes a load or, when longer, in one bulk copy, and attributes as a flat list of pairs that come back as an
 * {@link AttributeMap} in their order.
 *
 * <p>Layout, in field order: the resource (a presence byte, then its six strings), trace, span and parent span ids,
 * name, kind (ordinal byte, -1 for null), start and end nanos, status (ordinal byte), status message, the three
 * business-transaction strings, the attributes (pair count, -1 for null, then key and value of each), the adjusted
 * count. A string is a varint of its byte length plus one (0 for null) and its bytes. A change to this layout needs a
 * new {@link SpanSerializerSnapshot} version that can still read the old one.
 */
public final class SpanSerializer extends TypeSerializer<Span> {

    private static final long serialVersionUID = 1L;

    private static final SpanKind[] KINDS = SpanKind.values();
    private static final StatusCode[] STATUSES = StatusCode.values();
    /** What Flink asks for as a blank instance: spans are immutable, so one serves every caller. */
    private static final Span EMPTY = new Span(
            new ResourceIdentity(null, null, null, null, null, null),
            "",
            "",
            "",
            "",
            SpanKind.UNSPECIFIED,
            0,
            0,
            StatusCode.UNSET,
            "",
            "",
            "",
            "",
            Map.of(),
            1.0);

    /** The fields {@link #writeCommon} remembers the last strings of. */
    private static final int SERVICE = 0;

    private static final int SERVICE_VERSION = 1;
    private static final int CLOUD = 2;
    private static final int REGION = 3;
    private static final int ENVIRONMENT = 4;
    private static final int TENANT = 5;
    private static final int NAME = 6;
    private static final int STATUS_MESSAGE = 7;
    private static final int TRANSACTION = 8;
    private static final int STAGE = 9;
    private static final int COMMON_FIELDS = 10;
    /** Strings remembered per field: a power of two. */
    private static final int WAYS = 8;

    /**
     * What {@link #SpanStrings#readCommon(int, DataInputView)} remembers strings by: the common fields, then attribute keys and
     * values by their place in the span (spans of one shape list their attributes in the same order).
     */
    private static final int ATTRIBUTE_GROUPS = 16;

    private static final int ATTRIBUTE_KEYS = COMMON_FIELDS;
    private static final int ATTRIBUTE_VALUES = ATTRIBUTE_KEYS + ATTRIBUTE_GROUPS;
    private static final int READ_FIELDS = ATTRIBUTE_VALUES + ATTRIBUTE_GROUPS;
    /** Resources remembered by {@link #readResource}: a power of two. */
    private static final int RESOURCE_WAYS = 16;

    private static final int RESOURCE_STRINGS = 6;

    /** Reads strings back; {@link #duplicate} gives each thread its own, with its own memory of strings. */
    private transient SpanStrings strings;

    /** The last resources read, and the strings each was read as: see {@link #readResource}. */
    private transient ResourceIdentity[] resources;

    private transient String[] resourceStrings;
    private transient int nextResource;

    /** Per field of {@link #writeCommon}, {@link #WAYS} strings last written and their encodings. */
    private transient String[] encodedFor;

    private transient byte[][] encoded;
    private transient int[] nextWay;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<Span> duplicate() {
        return new SpanSerializer();
    }

    @Override
    public Span createInstance() {
        return EMPTY;
    }

    @Override
    public Span copy(Span from) {
        return from;
    }

    @Override
    public Span copy(Span from, Span reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Span span, DataOutputView out) throws IOException {
        ResourceIdentity resource = span.resource();
        if (resource == null) {
            out.writeBoolean(false);
        } else {
            out.writeBoolean(true);
            writeCommon(SERVICE, resource.serviceName(), out);
            writeCommon(SERVICE_VERSION, resource.serviceVersion(), out);
            writeCommon(CLOUD, resource.cloudProvider(), out);
            writeCommon(REGION, resource.cloudRegion(), out);
            writeCommon(ENVIRONMENT, resource.deploymentEnvironment(), out);
            writeCommon(TENANT, resource.tenantId(), out);
        }
        writeString(span.traceId(), out);
        writeString(span.spanId(), out);
        writeString(span.parentSpanId(), out);
        writeCommon(NAME, span.name(), out);
        out.writeByte(span.kind() == null ? -1 : span.kind().ordinal());
        out.writeLong(span.startTimeUnixNano());
        out.writeLong(span.endTimeUnixNano());
        out.writeByte(span.status() == null ? -1 : span.status().ordinal());
        writeCommon(STATUS_MESSAGE, span.statusMessage(), out);
        writeCommon(TRANSACTION, span.businessTransaction(), out);
        writeString(span.businessTransactionId(), out);
        writeCommon(STAGE, span.businessTransactionStage(), out);
        Map<String, String> attributes = span.attributes();
        out.writeInt(attributes.size());
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            writeString(attribute.getKey(), out);
            writeString(attribute.getValue(), out);
        }
        out.writeDouble(span.adjustedCount());
    }

    @Override
    public Span deserialize(DataInputView in) throws IOException {
        ResourceIdentity resource = in.readBoolean() ? readResource(in) : null;
        String traceId = strings().read(in);
        String spanId = strings().read(in);
        String parentSpanId = strings().read(in);
        String name = strings().readCommon(NAME, in);
        byte kind = in.readByte();
        long start = in.readLong();
        long end = in.readLong();
        byte status = in.readByte();
        String statusMessage = strings().readCommon(STATUS_MESSAGE, in);
        String transaction = strings().readCommon(TRANSACTION, in);
        String transactionId = strings().read(in);
        String stage = strings().readCommon(STAGE, in);
        int pairs = in.readInt();
        Map<String, String> attributes = null;
        if (pairs >= 0) {
            String[] keys = new String[pairs];
            String[] values = new String[pairs];
            for (int i = 0; i < pairs; i++) {
                keys[i] = strings().readCommon(ATTRIBUTE_KEYS + (i & (ATTRIBUTE_GROUPS - 1)), in);
                values[i] = strings().readCommon(ATTRIBUTE_VALUES + (i & (ATTRIBUTE_GROUPS - 1)), in);
            }
            attributes = AttributeMap.of(keys, values, pairs);
        }
        return new Span(
                resource,
                traceId,
                spanId,
                parentSpanId,
                name,
                kind < 0 ? null : KINDS[kind],
                start,
                end,
                status < 0 ? null : STATUSES[status],
                statusMessage,
                transaction,
                transactionId,
                stage,
                attributes,
                in.readDouble());
    }

    /**
     * A resource's six strings, and the identity they make: one of the last few read when its strings are the very
     * same instances, as {@link #SpanStrings#readCommon(int, DataInputView)} mostly answers. Spans of one service share one
     * identity, which saves each span its own and the checks its constructor makes.
     */
    private ResourceIdentity readResource(DataInputView in) throws IOException {
        String service = strings().readCommon(SERVICE, in);
        String version = strings().readCommon(SERVICE_VERSION, in);
        String cloud = strings().readCommon(CLOUD, in);
        String region = strings().readCommon(REGION, in);
        String environment = strings().readCommon(ENVIRONMENT, in);
        String tenant = strings().readCommon(TENANT, in);
        if (resources == null) {
            resources = new ResourceIdentity[RESOURCE_WAYS];
            resourceStrings = new String[RESOURCE_WAYS * RESOURCE_STRINGS];
        }
        for (int way = 0; way < RESOURCE_WAYS; way++) {
            int at = way * RESOURCE_STRINGS;
            if (resourceStrings[at] == service
                    && resourceStrings[at + 1] == version
                    && resourceStrings[at + 2] == cloud
                    && resourceStrings[at + 3] == region
                    && resourceStrings[at + 4] == environment
                    && resourceStrings[at + 5] == tenant
                    && resources[way] != null) {
                return resources[way];
            }
        }
        ResourceIdentity resource = new ResourceIdentity(service, version, cloud, region, environment, tenant);
        int way = nextResource++ & (RESOURCE_WAYS - 1);
        int at = way * RESOURCE_STRINGS;
        resourceStrings[at] = service;
        resourceStrings[at + 1] = version;
        resourceStrings[at + 2] = cloud;
        resourceStrings[at + 3] = region;
        resourceStrings[at + 4] = environment;
        resourceStrings[at + 5] = tenant;
        resources[way] = resource;
        return resource;
    }

    @Override
    public Span deserialize(Span reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    private static void writeString(String value, DataOutputView out) throws IOException {
        if (value == null) {
            out.writeByte(0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int length = bytes.length + 1;
        while (length >= 0x80) {
            out.writeByte((length & 0x7F) | 0x80);
            length >>>= 7;
        }
        out.writeByte(length);
        out.write(bytes);
    }

    /**
     * A string most spans share, in the field {@code field}: when it is one of the last few strings written there,
     * the very same instance, its encoding (length and bytes) is written again as it is. Spans read by this
     * serializer share such strings through {@link #readCommon}, so a span shuffled again, as the correlator's copy
     * is, mostly hits; encoding each anew was a copy and an allocation per string.
     */
    private void writeCommon(int field, String value, DataOutputView out) throws IOException {
        if (value == null) {
            out.writeByte(0);
            return;
        }
        if (encodedFor == null) {
            encodedFor = new String[COMMON_FIELDS * WAYS];
            encoded = new byte[COMMON_FIELDS * WAYS][];
            nextWay = new int[COMMON_FIELDS];
        }
        int first = field * WAYS;
        for (int slot = first; slot < first + WAYS; slot++) {
            if (encodedFor[slot] == value) {
                out.write(encoded[slot]);
                return;
            }
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > SpanStrings.MAX_CACHED_BYTES) {
            writeString(value, out);
            return;
        }
        int length = bytes.length + 1;
        byte[] encoding = new byte[varintSize(length) + bytes.length];
        int at = 0;
        while (length >= 0x80) {
            encoding[at++] = (byte) ((length & 0x7F) | 0x80);
            length >>>= 7;
        }
        encoding[at++] = (byte) length;
        System.arraycopy(bytes, 0, encoding, at, bytes.length);
        int slot = first + (nextWay[field]++ & (WAYS - 1));
        encodedFor[slot] = value;
        encoded[slot] = encoding;
        out.write(encoding);
    }

    private static int varintSize(int value) {
        int size = 1;
        while (value >= 0x80) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    private SpanStrings strings() {
        if (strings == null) {
            strings = new SpanStrings(READ_FIELDS);
        }
        return strings;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SpanSerializer;
    }

    @Override
    public int hashCode() {
        return SpanSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<Span> snapshotConfiguration() {
        return new SpanSerializerSnapshot();
    }

    /** What a checkpoint records of the serializer: its layout's version. */
    public static final class SpanSerializerSnapshot extends SimpleTypeSerializerSnapshot<Span> {
        public SpanSerializerSnapshot() {
            super(SpanSerializer::new);
        }
    }
}
