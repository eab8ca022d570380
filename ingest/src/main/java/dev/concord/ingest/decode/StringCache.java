package dev.concord.ingest.decode;

import static dev.concord.ingest.decode.FastTraceDecoding.DECLINED;

import com.google.protobuf.ByteString;
import dev.concord.ingest.decode.FastTraceDecoding.Declined;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The strings of one request, each short one made once: a request repeats the same attribute keys and many of the same
 * values on every span, and decoding them again was the largest cost of reading spans. One per request, so it needs
 * no locking and cannot grow; a slot taken by another string is replaced unless that one was met again. Strings read
 * from a payload are remembered by where they are in it, not copied: the payload outlives the request's cache, and
 * most values that miss (ids of business transactions, paths) never come again.
 */
final class StringCache {

    private static final int SLOTS = 256;
    private static final int MAX_CACHED_LENGTH = 64;

    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** For a slot filled from bytes: the buffer, where the string starts in it and its length in bytes. */
    private final byte[][] sources = new byte[SLOTS][];

    private final int[] starts = new int[SLOTS];
    private final int[] lengths = new int[SLOTS];
    /** For a slot filled from characters (only the Jackson reader's): a copy of them; made when first needed. */
    private char[][] chars;

    private final String[] strings = new String[SLOTS];
    /**
     * Whether a slot's string was met again. Such a string keeps its slot: the values met only once (ids, paths) would
     * otherwise evict the keys and the values that repeat, and making those again costs their hash too.
     */
    private final boolean[] reused = new boolean[SLOTS];

    /**
     * The UTF-8 string in {@code buffer}, validated as protobuf's {@code readStringRequireUtf8} validates it: invalid
     * UTF-8 is declined, so the reference path gives its error. A hit needs no validation: the cached bytes were valid.
     * The buffer must not change while this cache is in use.
     */
    String utf8(byte[] buffer, int offset, int length) throws Declined {
        if (length > MAX_CACHED_LENGTH) {
            return decode(buffer, offset, length);
        }
        int slot = slot(bytesHash(buffer, offset, length));
        byte[] source = sources[slot];
        if (source != null && lengths[slot] == length && sameBytes(source, starts[slot], buffer, offset, length)) {
            reused[slot] = true;
            return strings[slot];
        }
        String string = decode(buffer, offset, length);
        if (reused[slot]) {
            return string;
        }
        sources[slot] = buffer;
        starts[slot] = offset;
        lengths[slot] = length;
        if (chars != null) {
            chars[slot] = null;
        }
        strings[slot] = string;
        return string;
    }

    /** The string of {@code length} characters of a parser's buffer. */
    String chars(char[] buffer, int offset, int length) {
        if (length > MAX_CACHED_LENGTH) {
            return new String(buffer, offset, length);
        }
        if (chars == null) {
            chars = new char[SLOTS][];
        }
        int slot = slot(charsHash(buffer, offset, length));
        char[] cached = chars[slot];
        if (cached != null && cached.length == length && sameChars(cached, buffer, offset)) {
            reused[slot] = true;
            return strings[slot];
        }
        String string = new String(buffer, offset, length);
        if (reused[slot]) {
            return string;
        }
        chars[slot] = Arrays.copyOfRange(buffer, offset, offset + length);
        sources[slot] = null;
        strings[slot] = string;
        return string;
    }

    /**
     * Eight bytes at a time and no loop over single bytes: a tail is compared as the last eight bytes (overlapping the
     * ones compared before), a string shorter than eight as one masked word when its buffers have room to read one.
     */
    private static boolean sameBytes(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
        if (length < Long.BYTES) {
            if (aOffset + Long.BYTES <= a.length && bOffset + Long.BYTES <= b.length) {
                long mask = (1L << (length << 3)) - 1;
                return (((long) LONGS.get(a, aOffset) ^ (long) LONGS.get(b, bOffset)) & mask) == 0;
            }
            for (int i = 0; i < length; i++) {
                if (a[aOffset + i] != b[bOffset + i]) {
                    return false;
                }
            }
            return true;
        }
        int last = length - Long.BYTES;
        for (int i = 0; i < last; i += Long.BYTES) {
            if ((long) LONGS.get(a, aOffset + i) != (long) LONGS.get(b, bOffset + i)) {
                return false;
            }
        }
        return (long) LONGS.get(a, aOffset + last) == (long) LONGS.get(b, bOffset + last);
    }

    private static boolean sameChars(char[] cached, char[] buffer, int offset) {
        for (int i = 0; i < cached.length; i++) {
            if (cached[i] != buffer[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private static String decode(byte[] buffer, int offset, int length) throws Declined {
        // the sign bits of eight bytes at a time tell ASCII, which needs no decoding
        long high = 0;
        int i = offset;
        int end = offset + length;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            high |= (long) LONGS.get(buffer, i);
        }
        for (; i < end; i++) {
            high |= buffer[i];
        }
        if ((high & 0x8080808080808080L) == 0) {
            return new String(buffer, offset, length, StandardCharsets.ISO_8859_1);
        }
        // protobuf's own check, so exactly what it rejects is declined
        ByteString text = ByteString.copyFrom(buffer, offset, length);
        if (!text.isValidUtf8()) {
            throw DECLINED;
        }
        return text.toStringUtf8();
    }

    /**
     * A hash of the length and the first and last eight bytes: enough to tell a request's strings apart, and far
     * cheaper than hashing every byte. A collision only costs a replaced slot.
     */
    private static int bytesHash(byte[] buffer, int offset, int length) {
        long hash = length;
        if (length >= Long.BYTES) {
            hash ^= (long) LONGS.get(buffer, offset) * MIX;
            hash ^= Long.rotateLeft((long) LONGS.get(buffer, offset + length - Long.BYTES) * MIX, 29);
        } else if (offset + Long.BYTES <= buffer.length) {
            // one masked word instead of a loop over bytes
            hash ^= ((long) LONGS.get(buffer, offset) & ((1L << (length << 3)) - 1)) * MIX;
        } else {
            long word = 0;
            for (int i = 0; i < length; i++) {
                word |= (buffer[offset + i] & 0xffL) << (i << 3);
            }
            hash ^= word * MIX;
        }
        return (int) ((hash * MIX) >>> 40);
    }

    private static int charsHash(char[] buffer, int offset, int length) {
        long hash = length;
        int head = Math.min(length, 4);
        for (int i = 0; i < head; i++) {
            hash = hash * 31 + buffer[offset + i];
        }
        for (int i = Math.max(head, length - 4); i < length; i++) {
            hash = hash * 31 + buffer[offset + i];
        }
        return (int) ((hash * MIX) >>> 40);
    }

    private static int slot(int hash) {
        return (hash ^ (hash >>> 9) ^ (hash >>> 18)) & (SLOTS - 1);
    }
}
