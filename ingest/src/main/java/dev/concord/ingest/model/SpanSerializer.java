package dev.concord.ingest.model;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    private static final int CACHE_SLOTS = 1024;
    private static final int MAX_CACHED_BYTES = 128;
    /**
     * Longer strings are read with one {@code readFully}: up to here eight-byte loads beat the bulk copy on the
     * off-heap network buffer and on a heap buffer, from 32 bytes on the copy wins ({@code StringReadBenchmark}).
     */
    private static final int WORDS_UP_TO = 24;
    /** The 64-bit golden ratio, an odd multiplier that spreads every input bit over the high half. */
    private static final long MIX = 0x9E37_79B9_7F4A_7C15L;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

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
     * What {@link #readCommon(int, DataInputView)} remembers strings by: the common fields, then attribute keys and
     * values by their place in the span (spans of one shape list their attributes in the same order).
     */
    private static final int ATTRIBUTE_GROUPS = 16;

    private static final int ATTRIBUTE_KEYS = COMMON_FIELDS;
    private static final int ATTRIBUTE_VALUES = ATTRIBUTE_KEYS + ATTRIBUTE_GROUPS;
    private static final int READ_FIELDS = ATTRIBUTE_VALUES + ATTRIBUTE_GROUPS;
    /** Strings remembered per read field, compared as they are read. */
    private static final int KNOWN_WAYS = 4;
    /** Longer strings are not compared word by word as they are read. */
    private static final int MAX_KNOWN_BYTES = 64;
    /** What {@link #cached} is told for a string no field remembers. */
    private static final int NO_FIELD = -1;
    /** Resources remembered by {@link #readResource}: a power of two. */
    private static final int RESOURCE_WAYS = 16;

    private static final int RESOURCE_STRINGS = 6;

    /** Reused across reads; {@link #duplicate} gives each thread its own, with its own cache. */
    private transient byte[] scratch;

    /** The last resources read, and the strings each was read as: see {@link #readResource}. */
    private transient ResourceIdentity[] resources;

    private transient String[] resourceStrings;
    private transient int nextResource;

    /** Per read field, {@link #KNOWN_WAYS} strings read there before that had been read before that too. */
    private transient Known[] known;

    private transient int[] nextKnown;

    private transient byte[][] cachedBytes;
    private transient String[] cachedStrings;
    private transient int[] cachedHashes;

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
        String traceId = readString(in);
        String spanId = readString(in);
        String parentSpanId = readString(in);
        String name = readCommon(NAME, in);
        byte kind = in.readByte();
        long start = in.readLong();
        long end = in.readLong();
        byte status = in.readByte();
        String statusMessage = readCommon(STATUS_MESSAGE, in);
        String transaction = readCommon(TRANSACTION, in);
        String transactionId = readString(in);
        String stage = readCommon(STAGE, in);
        int pairs = in.readInt();
        Map<String, String> attributes = null;
        if (pairs >= 0) {
            String[] keys = new String[pairs];
            String[] values = new String[pairs];
            for (int i = 0; i < pairs; i++) {
                keys[i] = readCommon(ATTRIBUTE_KEYS + (i & (ATTRIBUTE_GROUPS - 1)), in);
                values[i] = readCommon(ATTRIBUTE_VALUES + (i & (ATTRIBUTE_GROUPS - 1)), in);
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
     * same instances, as {@link #readCommon(int, DataInputView)} mostly answers. Spans of one service share one
     * identity, which saves each span its own and the checks its constructor makes.
     */
    private ResourceIdentity readResource(DataInputView in) throws IOException {
        String service = readCommon(SERVICE, in);
        String version = readCommon(SERVICE_VERSION, in);
        String cloud = readCommon(CLOUD, in);
        String region = readCommon(REGION, in);
        String environment = readCommon(ENVIRONMENT, in);
        String tenant = readCommon(TENANT, in);
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
        if (bytes.length > MAX_CACHED_BYTES) {
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

    /** An id: unique to its span or trace, so no cache would hit. */
    private String readString(DataInputView in) throws IOException {
        int length = readLength(in);
        if (length <= 0) {
            return length == 0 ? "" : null;
        }
        byte[] bytes = scratch(length);
        readBytes(in, bytes, length);
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** A string remembered by a read field, with its bytes as {@link #readWord} reads them. */
    private static final class Known {
        private final String value;
        private final int length;
        private final long[] words;

        private Known(String value, byte[] bytes, int length) {
            this.value = value;
            this.length = length;
            int full = length >>> 3;
            int rest = length & 7;
            this.words = new long[full + (rest == 0 ? 0 : 1)];
            for (int i = 0; i < full; i++) {
                words[i] = (long) LONGS.get(bytes, i * Long.BYTES);
            }
            if (rest != 0) {
                words[full] = tailOf(bytes, full * Long.BYTES, rest);
            }
        }
    }

    /**
     * A string most spans share (service, cloud, region, tenant, name, stage, attribute keys and most of their
     * values), in the field {@code field}. It is compared, a word as each is read, with the few strings read in that
     * field before that have the same length and first word; a match is the remembered instance, with nothing copied
     * or hashed. Anything else is read whole and looked up by its bytes among all strings read last
     * ({@link #readCached}), so spans that stay in state share one copy instead of each carrying its own into the old
     * generation; a string met there a second time is remembered in its field.
     */
    private String readCommon(int field, DataInputView in) throws IOException {
        int length = readLength(in);
        if (length <= 0) {
            return length == 0 ? "" : null;
        }
        if (length > MAX_KNOWN_BYTES) {
            return readCached(in, length);
        }
        if (known == null) {
            known = new Known[READ_FIELDS * KNOWN_WAYS];
            nextKnown = new int[READ_FIELDS];
        }
        int full = length >>> 3;
        int rest = length & 7;
        int words = full + (rest == 0 ? 0 : 1);
        long first = readWord(in, 0, full, rest);
        Known candidate = null;
        int base = field * KNOWN_WAYS;
        for (int slot = base; slot < base + KNOWN_WAYS; slot++) {
            Known remembered = known[slot];
            if (remembered != null && remembered.length == length && remembered.words[0] == first) {
                candidate = remembered;
                break;
            }
        }
        byte[] bytes = scratch(length);
        int next = 1;
        if (candidate != null) {
            long word = 0;
            for (; next < words; next++) {
                word = readWord(in, next, full, rest);
                if (word != candidate.words[next]) {
                    break;
                }
            }
            if (next == words) {
                return candidate.value;
            }
            // the words before the one that differs are the candidate's
            for (int same = 1; same < next; same++) {
                putWord(bytes, same, full, rest, candidate.words[same]);
            }
            putWord(bytes, next, full, rest, word);
            next++;
        }
        putWord(bytes, 0, full, rest, first);
        for (; next < words; next++) {
            putWord(bytes, next, full, rest, readWord(in, next, full, rest));
        }
        return cached(bytes, length, field);
    }

    /** Word {@code index} of a string of {@code full} eight-byte words and {@code rest} more bytes, from the input. */
    private static long readWord(DataInputView in, int index, int full, int rest) throws IOException {
        if (index < full) {
            return in.readLong();
        }
        long tail = 0;
        if ((rest & 4) != 0) {
            tail = in.readInt() & 0xFFFF_FFFFL;
        }
        if ((rest & 2) != 0) {
            tail = (tail << Short.SIZE) | (in.readShort() & 0xFFFF);
        }
        if ((rest & 1) != 0) {
            tail = (tail << Byte.SIZE) | in.readUnsignedByte();
        }
        return tail;
    }

    /** The inverse of {@link #readWord}: word {@code index} back into its bytes. */
    private static void putWord(byte[] bytes, int index, int full, int rest, long word) {
        if (index < full) {
            LONGS.set(bytes, index * Long.BYTES, word);
            return;
        }
        int at = full * Long.BYTES;
        long tail = word;
        if ((rest & 1) != 0) {
            bytes[at + rest - 1] = (byte) tail;
            tail >>>= Byte.SIZE;
        }
        if ((rest & 2) != 0) {
            SHORTS.set(bytes, at + (rest & 4), (short) tail);
            tail >>>= Short.SIZE;
        }
        if ((rest & 4) != 0) {
            INTS.set(bytes, at, (int) tail);
        }
    }

    /** The last {@code rest} bytes from {@code at}, packed as {@link #readWord} reads them. */
    private static long tailOf(byte[] bytes, int at, int rest) {
        long tail = 0;
        int i = at;
        if ((rest & 4) != 0) {
            tail = (int) INTS.get(bytes, i) & 0xFFFF_FFFFL;
            i += Integer.BYTES;
        }
        if ((rest & 2) != 0) {
            tail = (tail << Short.SIZE) | ((short) SHORTS.get(bytes, i) & 0xFFFF);
            i += Short.BYTES;
        }
        if ((rest & 1) != 0) {
            tail = (tail << Byte.SIZE) | (bytes[i] & 0xFF);
        }
        return tail;
    }

    /** A string of {@code length} bytes read whole, then looked up by its bytes as {@link #cached} does. */
    private String readCached(DataInputView in, int length) throws IOException {
        byte[] bytes = scratch(length);
        readBytes(in, bytes, length);
        return cached(bytes, length, NO_FIELD);
    }

    /**
     * The string of these bytes: the instance read last with the same bytes, if the cache still holds it, or a new one
     * it then holds. A string found there is remembered in the read field {@code field} ({@link #NO_FIELD}: in none).
     */
    private String cached(byte[] bytes, int length, int field) {
        int hash = hash(bytes, length);
        int slot = hash & (CACHE_SLOTS - 1);
        if (cachedBytes == null) {
            cachedBytes = new byte[CACHE_SLOTS][];
            cachedStrings = new String[CACHE_SLOTS];
            cachedHashes = new int[CACHE_SLOTS];
        }
        byte[] cached = cachedBytes[slot];
        if (cached != null && cachedHashes[slot] == hash && sameBytes(cached, bytes, length)) {
            String value = cachedStrings[slot];
            if (field != NO_FIELD) {
                // met before: a string that recurs, worth comparing in its field as it is read
                known[field * KNOWN_WAYS + (nextKnown[field]++ & (KNOWN_WAYS - 1))] = new Known(value, bytes, length);
            }
            return value;
        }
        String value = new String(bytes, 0, length, StandardCharsets.UTF_8);
        if (length <= MAX_CACHED_BYTES) {
            cachedBytes[slot] = Arrays.copyOf(bytes, length);
            cachedStrings[slot] = value;
            cachedHashes[slot] = hash;
        }
        return value;
    }

    /**
     * A short string comes eight bytes at a time through {@code readLong}, a single load on every view, where
     * {@code readFully} pays a fixed price for its bulk copy (on the network path an off-heap copy with its checks)
     * that only strings longer than {@link #WORDS_UP_TO} bytes amortise.
     */
    private static void readBytes(DataInputView in, byte[] bytes, int length) throws IOException {
        if (length > WORDS_UP_TO) {
            in.readFully(bytes, 0, length);
            return;
        }
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            LONGS.set(bytes, i, in.readLong());
        }
        if (i + Integer.BYTES <= length) {
            INTS.set(bytes, i, in.readInt());
            i += Integer.BYTES;
        }
        if (i + Short.BYTES <= length) {
            SHORTS.set(bytes, i, in.readShort());
            i += Short.BYTES;
        }
        if (i < length) {
            bytes[i] = in.readByte();
        }
    }

    /**
     * Mixes the bytes a word at a time: a byte-wise polynomial is a chain of one multiply per byte. The tail goes in
     * as one number, which for a given length tells its bytes apart, so equal bytes always give the same hash. Seen by
     * the tests, which look for different strings with the same hash.
     */
    static int hash(byte[] bytes, int length) {
        long hash = length;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            hash = (hash ^ (long) LONGS.get(bytes, i)) * MIX;
        }
        hash = (hash ^ tailOf(bytes, i, length - i)) * MIX;
        return (int) (hash >>> 32) ^ (int) hash;
    }

    /** Word by word: the strings are short, and {@code Arrays.equals} costs more to set up than to compare them. */
    private static boolean sameBytes(byte[] cached, byte[] bytes, int length) {
        if (cached.length != length) {
            return false;
        }
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            if ((long) LONGS.get(cached, i) != (long) LONGS.get(bytes, i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (cached[i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private byte[] scratch(int length) {
        if (scratch == null || scratch.length < length) {
            scratch = new byte[Math.max(length, 64)];
        }
        return scratch;
    }

    /** The string's byte length, 0 for empty, -1 for null. */
    private static int readLength(DataInputView in) throws IOException {
        int length = 0;
        int shift = 0;
        int next;
        do {
            next = in.readUnsignedByte();
            length |= (next & 0x7F) << shift;
            shift += 7;
        } while (next >= 0x80);
        return length - 1;
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
