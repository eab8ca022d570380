package dev.concord.ingest.bench;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.io.IOReadableWritable;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.core.memory.MemorySegmentFactory;
import org.apache.flink.runtime.io.network.api.serialization.RecordDeserializer.DeserializationResult;
import org.apache.flink.runtime.io.network.api.serialization.SpillingAdaptiveSpanningRecordDeserializer;
import org.apache.flink.runtime.io.network.buffer.Buffer;
import org.apache.flink.runtime.io.network.buffer.BufferRecycler;
import org.apache.flink.runtime.io.network.buffer.NetworkBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Where reading a string's bytes eight at a time with {@code readLong} stops beating one {@code readFully}, on the
 * views Flink hands a serializer: records in an off-heap network buffer read by Flink's own record deserializer, as
 * on the network path, and a heap {@link DataInputDeserializer}, as in the pipeline benchmark's source. One
 * operation is one string of {@code length} bytes; the figures set {@code SpanSerializer}'s bulk-copy threshold.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StringReadBenchmark {

    private static final int RECORDS = 64;
    private static final int STRINGS_PER_RECORD = 16;
    static final int STRINGS = RECORDS * STRINGS_PER_RECORD;
    private static final BufferRecycler KEEP = segment -> {};
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    @Param({"8", "16", "24", "32", "40", "48", "64", "96", "128"})
    public int length;

    /** {@code network} for the off-heap network buffer, {@code heap} for a {@link DataInputDeserializer}. */
    @Param({"network", "heap"})
    public String view;

    private MemorySegment segment;
    private byte[] framed;
    private final DataInputDeserializer heap = new DataInputDeserializer();
    private int size;
    private SpillingAdaptiveSpanningRecordDeserializer<Strings> deserializer;
    private Strings bulk;
    private Strings words;

    @Setup
    public void setUp() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(RECORDS * (4 + STRINGS_PER_RECORD * length));
        for (int record = 0; record < RECORDS; record++) {
            out.writeInt(STRINGS_PER_RECORD * length);
            for (int i = 0; i < STRINGS_PER_RECORD * length; i++) {
                out.writeByte('a' + (record + i) % 26);
            }
        }
        size = out.length();
        framed = out.getCopyOfBuffer();
        segment = MemorySegmentFactory.allocateUnpooledOffHeapMemory(size);
        segment.put(0, out.getSharedBuffer(), 0, size);
        deserializer =
                new SpillingAdaptiveSpanningRecordDeserializer<>(new String[] {System.getProperty("java.io.tmpdir")});
        bulk = new Strings(length, false);
        words = new Strings(length, true);
    }

    @TearDown
    public void tearDown() {
        deserializer.clear();
        segment.free();
    }

    @Benchmark
    @OperationsPerInvocation(STRINGS)
    public int readFully() throws IOException {
        return readAll(bulk);
    }

    @Benchmark
    @OperationsPerInvocation(STRINGS)
    public int readLongs() throws IOException {
        return readAll(words);
    }

    private int readAll(Strings target) throws IOException {
        int sum = 0;
        if (view.equals("heap")) {
            heap.setBuffer(framed);
            for (int record = 0; record < RECORDS; record++) {
                heap.readInt();
                target.read(heap);
                sum += target.sum;
            }
            return sum;
        }
        deserializer.setNextBuffer(new NetworkBuffer(segment, KEEP, Buffer.DataType.DATA_BUFFER, size));
        DeserializationResult result;
        do {
            result = deserializer.getNextRecord(target);
            sum += target.sum;
        } while (!result.isBufferConsumed());
        return sum;
    }

    /** A record of strings of one length, read one way or the other. */
    private static final class Strings implements IOReadableWritable {
        private final int length;
        private final boolean byWords;
        private final byte[] scratch = new byte[256];
        private int sum;

        Strings(int length, boolean byWords) {
            this.length = length;
            this.byWords = byWords;
        }

        @Override
        public void write(DataOutputView out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void read(DataInputView in) throws IOException {
            sum = 0;
            for (int i = 0; i < STRINGS_PER_RECORD; i++) {
                if (byWords) {
                    readWords(in, scratch, length);
                } else {
                    in.readFully(scratch, 0, length);
                }
                sum += scratch[length - 1];
            }
        }
    }

    private static void readWords(DataInputView in, byte[] bytes, int length) throws IOException {
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
}
