package dev.concord.engine.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Hands out a fixed list of records by index, each deserialized from its own offset. Flink's
 * {@code FromElementsGeneratorFunction} reads the serialized list from the start, so the reader of the last of
 * {@code p} index ranges first deserializes and drops {@code (p - 1) / p} of the whole list; here every reader reads
 * only its own range, and the records and their order per reader are the same.
 */
public final class IndexedElements<T> implements GeneratorFunction<Long, T> {

    private static final long serialVersionUID = 1L;

    private final TypeSerializer<T> serializer;
    private final byte[] bytes;
    /** Record i spans bytes [offsets[i], offsets[i + 1]). */
    private final int[] offsets;

    private transient DataInputDeserializer input;

    public IndexedElements(TypeInformation<T> type, ExecutionConfig config, List<T> records) {
        this.serializer = type.createSerializer(config.getSerializerConfig());
        this.offsets = new int[records.size() + 1];
        DataOutputSerializer out = new DataOutputSerializer(Math.max(64, records.size() * 256));
        try {
            for (int i = 0; i < records.size(); i++) {
                offsets[i] = out.length();
                serializer.serialize(records.get(i), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("records that cannot be serialized: " + type, e);
        }
        offsets[records.size()] = out.length();
        this.bytes = out.getCopyOfBuffer();
    }

    private IndexedElements(TypeSerializer<T> serializer, byte[] bytes, int[] offsets) {
        this.serializer = serializer;
        this.bytes = bytes;
        this.offsets = offsets;
    }

    /**
     * The same records for another thread in this JVM, without copying them: its own serializer and read position.
     */
    public IndexedElements<T> reader() {
        return new IndexedElements<>(serializer.duplicate(), bytes, offsets);
    }

    int size() {
        return offsets.length - 1;
    }

    @Override
    public T map(Long index) throws IOException {
        int i = Math.toIntExact(index);
        if (input == null) {
            input = new DataInputDeserializer();
        }
        input.setBuffer(bytes, offsets[i], offsets[i + 1] - offsets[i]);
        return serializer.deserialize(input);
    }
}
