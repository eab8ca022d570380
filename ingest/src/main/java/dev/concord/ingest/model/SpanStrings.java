package dev.concord.ingest.model;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.core.memory.DataInputView;

/**
 * How {@link SpanSerializer} reads a span's strings back: a varint of the byte length plus one (0 for null), then the
 * UTF-8 bytes, short strings eight bytes a load. Strings most spans share come back as the instances read before
 * (compared word by word in their field as they are read, or found by their bytes among the strings read last), so
 * spans that stay in state share one copy of each. Not thread-safe: one per serializer instance.
 */
final class SpanStrings {

    private static final int CACHE_SLOTS = 1024;
    /** Longer strings are not shared: read, and written by the serializer, anew each time. */
    static final int MAX_CACHED_BYTES = 128;
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
    /** Strings remembered per read field, compared as they are read. */
    private static final int KNOWN_WAYS = 4;
    /** Longer strings are not compared word by word as they are read. */
    private static final int MAX_KNOWN_BYTES = 64;
    /** What {@link #cached} is told for a string no field remembers. */
    private static final int NO_FIELD = -1;

    /** How many read fields {@link #readCommon} remembers strings for. */
    private final int fields;

    /** Reused across reads; one per serializer instance. */
    private transient byte[] scratch;

    /** Per read field, {@link #KNOWN_WAYS} strings read there before that had been read before that too. */
    private transient Known[] known;

    private transient int[] nextKnown;

    private transient byte[][] cachedBytes;
    private transient String[] cachedStrings;
    private transient int[] cachedHashes;

    SpanStrings(int fields) {
        this.fields = fields;
    }

    /** An id: unique to its span or trace, so no cache would hit. */
    String read(DataInputView in) throws IOException {
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
    String readCommon(int field, DataInputView in) throws IOException {
        int length = readLength(in);
        if (length <= 0) {
            return length == 0 ? "" : null;
        }
        if (length > MAX_KNOWN_BYTES) {
            return readCached(in, length);
        }
        if (known == null) {
            known = new Known[fields * KNOWN_WAYS];
            nextKnown = new int[fields];
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
}
