package dev.concord.ingest.otlp;

import com.google.protobuf.ByteString;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Trace and span ids as OTLP/JSON and W3C trace context write them: lowercase hex. */
public final class HexIds {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
    /** The two hex digits of every byte value, at twice the value: one lookup per byte. */
    private static final byte[] PAIRS = new byte[512];

    static {
        for (int b = 0; b < 256; b++) {
            PAIRS[2 * b] = (byte) DIGITS[b >>> 4];
            PAIRS[2 * b + 1] = (byte) DIGITS[b & 0x0f];
        }
    }

    private static final VarHandle INTS_BIG_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONGS_BIG_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private HexIds() {}

    /**
     * The eight lowercase hex digits of {@code value}, most significant first when the long is written big-endian:
     * each nibble spread into a byte of its own, then 0-9 and a-f made by adding '0' and, for nibbles over 9, the gap
     * between '9' + 1 and 'a'.
     */
    private static long hexDigits(int value) {
        long v = value & 0xFFFFFFFFL;
        v = (v | (v << 16)) & 0x0000FFFF0000FFFFL;
        v = (v | (v << 8)) & 0x00FF00FF00FF00FFL;
        v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FL;
        long letters = ((v + 0x0606060606060606L) >>> 4) & 0x0101010101010101L;
        return v + 0x3030303030303030L + letters * ('a' - '9' - 1);
    }

    public static String toHex(ByteString bytes) {
        int size = bytes.size();
        char[] out = new char[size * 2];
        for (int i = 0; i < size; i++) {
            int b = bytes.byteAt(i) & 0xff;
            out[2 * i] = DIGITS[b >>> 4];
            out[2 * i + 1] = DIGITS[b & 0x0f];
        }
        return new String(out);
    }

    /** The lowercase hex of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static String toHex(byte[] bytes, int offset, int length) {
        return toHex(bytes, offset, length, new byte[length * 2]);
    }

    /**
     * As {@link #toHex(byte[], int, int)}, the digits made in {@code scratch} (at least twice {@code length} bytes),
     * which a caller reuses: the string copies them anyway.
     */
    public static String toHex(byte[] bytes, int offset, int length, byte[] scratch) {
        byte[] out = scratch;
        int i = 0;
        // four bytes at a time, their eight digits made in one long without a table: ids are 8 or 16 bytes
        for (; i + Integer.BYTES <= length; i += Integer.BYTES) {
            LONGS_BIG_ENDIAN.set(out, 2 * i, hexDigits((int) INTS_BIG_ENDIAN.get(bytes, offset + i)));
        }
        for (; i < length; i++) {
            int pair = (bytes[offset + i] & 0xff) << 1;
            out[2 * i] = PAIRS[pair];
            out[2 * i + 1] = PAIRS[pair + 1];
        }
        // Latin-1 bytes become a compact string by a plain copy, without decoding
        return new String(out, 0, length * 2, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * What {@link #fromHex} then {@link #toHex(ByteString)} make of an OTLP/JSON id, without the bytes in between: the
     * lowercase hex (the same string when it is lowercase already), empty for an empty id.
     */
    public static String normalizeHex(String hex, int expectedBytes, String field) throws MalformedOtlpException {
        if (hex.isEmpty()) {
            return hex;
        }
        if (hex.length() != expectedBytes * 2) {
            return toHex(fromHex(hex, expectedBytes, field));
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                // uppercase is accepted as fromHex accepts it; anything else fails there with its message
                return toHex(fromHex(hex, expectedBytes, field));
            }
        }
        return hex;
    }

    /** Decodes hex of an exact byte length (or empty); anything else, base64 included, is malformed. */
    static ByteString fromHex(String hex, int expectedBytes, String field) throws MalformedOtlpException {
        if (hex.isEmpty()) {
            return ByteString.EMPTY;
        }
        if (hex.length() != expectedBytes * 2) {
            throw new MalformedOtlpException(field + " must be " + (expectedBytes * 2) + " hex digits, got "
                    + hex.length() + " characters (OTLP/JSON ids are hex, not base64)");
        }
        byte[] out = new byte[expectedBytes];
        for (int i = 0; i < expectedBytes; i++) {
            int high = Character.digit(hex.charAt(2 * i), 16);
            int low = Character.digit(hex.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0) {
                throw new MalformedOtlpException(field + " is not hex (OTLP/JSON ids are hex, not base64)");
            }
            out[i] = (byte) ((high << 4) | low);
        }
        return ByteString.copyFrom(out);
    }
}
