package dev.concord.ingest.receiver.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body up to a limit applied after decompression, so a gzip bomb is stopped as soon as its output
 * passes the limit, having cost no more than the limit in memory.
 */
final class BodyReader {

    private static final int CHUNK = 16 * 1024;

    private BodyReader() {}

    /** Thrown when the body is over the limit. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("the request body is larger than " + limit + " bytes after decompression", null, false, false);
        }
    }

    /** Thrown when a gzip body is not gzip. */
    static final class BadEncoding extends Exception {
        private static final long serialVersionUID = 1L;

        BadEncoding(String message) {
            super(message, null, false, false);
        }
    }

    /** A body read into a buffer that may be longer than the body. */
    record Body(byte[] buffer, int length) {}

    static Body read(InputStream raw, boolean gzip, int limit) throws IOException, TooLarge, BadEncoding {
        // not closed here: closing would drop the rest of a refused body, which the answer must drain first
        try {
            InputStream in = gzip ? new GZIPInputStream(raw, CHUNK) : raw;
            Exposed out = new Exposed();
            byte[] chunk = new byte[CHUNK];
            int read;
            while ((read = in.read(chunk)) > 0) {
                if (out.size() + (long) read > limit) {
                    throw new TooLarge(limit);
                }
                out.write(chunk, 0, read);
            }
            return new Body(out.buffer(), out.size());
        } catch (ZipException | java.io.EOFException e) {
            if (gzip) {
                throw new BadEncoding("the body is not valid gzip: " + e.getMessage());
            }
            throw e;
        }
    }

    /** Hands out its buffer instead of copying it. */
    private static final class Exposed extends ByteArrayOutputStream {
        Exposed() {
            super(CHUNK);
        }

        byte[] buffer() {
            return buf;
        }
    }
}
