package dev.concord.ingest.decode;

import static dev.concord.ingest.decode.FastTraceDecoding.DECLINED;

import com.google.protobuf.ByteString;
import dev.concord.ingest.decode.FastTraceDecoding.Declined;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The strings of one request, each short one made once: a request repeats the same attribute keys and many of the same
 * values on every span, and decoding them again was the largest cost of reading spans. One per request, so it needs
 * no locking and cannot grow; a slot taken by another string is simply replaced.
 */
final class StringCache {

    private static final int SLOTS = 512;
    private static final int MAX_CACHED_LENGTH = 64;

    private final byte[][] bytes = new byte[SLOTS][];
    private final char[][] chars = new char[SLOTS][];
    private final String[] strings = new String[SLOTS];

    /**
     * The UTF-8 string in {@code buffer}, validated as protobuf's {@code readStringRequireUtf8} validates it: invalid
     * UTF-8 is declined, so the reference path gives its error.
     */
    String utf8(byte[] buffer, int offset, int length) throws Declined {
        int hash = 0;
        int high = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            byte b = buffer[i];
            hash = 31 * hash + b;
            high |= b;
        }
        if (high < 0) {
            // protobuf's own check, so exactly what it rejects is declined
            ByteString text = ByteString.copyFrom(buffer, offset, length);
            if (!text.isValidUtf8()) {
                throw DECLINED;
            }
            return text.toStringUtf8();
        }
        if (length > MAX_CACHED_LENGTH) {
            return new String(buffer, offset, length, StandardCharsets.ISO_8859_1);
        }
        int slot = slot(hash);
        byte[] cached = bytes[slot];
        if (cached != null && Arrays.equals(cached, 0, cached.length, buffer, offset, offset + length)) {
            return strings[slot];
        }
        String string = new String(buffer, offset, length, StandardCharsets.ISO_8859_1);
        bytes[slot] = Arrays.copyOfRange(buffer, offset, offset + length);
        chars[slot] = null;
        strings[slot] = string;
        return string;
    }

    /** The string of {@code length} characters of a parser's buffer. */
    String chars(char[] buffer, int offset, int length) {
        if (length > MAX_CACHED_LENGTH) {
            return new String(buffer, offset, length);
        }
        int hash = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            hash = 31 * hash + buffer[i];
        }
        int slot = slot(hash);
        char[] cached = chars[slot];
        if (cached != null && Arrays.equals(cached, 0, cached.length, buffer, offset, offset + length)) {
            return strings[slot];
        }
        String string = new String(buffer, offset, length);
        chars[slot] = Arrays.copyOfRange(buffer, offset, offset + length);
        bytes[slot] = null;
        strings[slot] = string;
        return string;
    }

    private static int slot(int hash) {
        return (hash ^ (hash >>> 9) ^ (hash >>> 18)) & (SLOTS - 1);
    }
}
