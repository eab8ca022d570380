package dev.concord.ingest.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.core.memory.MemorySegmentFactory;
import org.apache.flink.runtime.io.network.api.serialization.RecordDeserializer.DeserializationResult;
import org.apache.flink.runtime.io.network.api.serialization.SpillingAdaptiveSpanningRecordDeserializer;
import org.apache.flink.runtime.io.network.buffer.Buffer;
import org.apache.flink.runtime.io.network.buffer.FreeingBufferRecycler;
import org.apache.flink.runtime.io.network.buffer.NetworkBuffer;
import org.apache.flink.runtime.plugable.DeserializationDelegate;
import org.apache.flink.runtime.plugable.NonReusingDeserializationDelegate;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Flink's own serializer contract (copies, sequences, snapshot and restore, duplicates across threads, Java
 * serializability) run against {@link SpanSerializer}, plus what Concord relies on: every field survives, strings of
 * every length and encoding read back from heap and off-heap network views, the string cache never answers for other
 * bytes, attributes keep their order, and a job with generic types disabled accepts spans.
 */
class SpanSerializerTest extends SerializerTestBase<Span> {

    private static final ResourceIdentity AWS =
            new ResourceIdentity("warehouse-api", "1.4.2", "aws", "us-east-1", "production", "acme");

    @Override
    protected TypeSerializer<Span> createSerializer() {
        return new SpanSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<Span> getTypeClass() {
        return Span.class;
    }

    @Override
    protected Span[] getTestData() {
        return new Span[] {
            new Span(
                    AWS,
                    "4bf92f3577b34da6a3ce929d0e0e4736",
                    "00f067aa0ba902b7",
                    "",
                    "POST /reservations",
                    SpanKind.SERVER,
                    1_000_000_000L,
                    1_250_000_000L,
                    StatusCode.ERROR,
                    "warehouse unavailable",
                    "order-to-fulfillment",
                    "order-42",
                    "warehouse-reservation",
                    AttributeMap.of(
                            new String[] {"http.route", "url.scheme"}, new String[] {"/stock/{sku}", "https"}, 2),
                    4.0),
            new Span(
                    new ResourceIdentity(null, null, "gcp", "europe-west1", null, "globex"),
                    "5cf92f3577b34da6a3ce929d0e0e4737",
                    "10f067aa0ba902b8",
                    "00f067aa0ba902b7",
                    // non-Latin text, and a name long enough that its length takes two bytes
                    "Überweisung prüfen — 検証 " + "x".repeat(300),
                    SpanKind.CLIENT,
                    Long.MIN_VALUE,
                    Long.MAX_VALUE,
                    StatusCode.OK,
                    null,
                    null,
                    null,
                    null,
                    Map.of("erp.queue", "postings"),
                    1.0),
            new Span(null, null, null, null, null, null, 0, 0, null, "", "", "", "", null, 1.5),
        };
    }

    @Test
    void keepsTheAttributesInTheirOrder() throws IOException {
        String[] keys = new String[40];
        String[] values = new String[40];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "attribute." + (keys.length - i);
            values[i] = "value " + i;
        }
        Span span = withAttributes(AttributeMap.of(keys, values, keys.length));

        Span back = roundTrip(span);

        assertThat(back).isEqualTo(span);
        assertThat(new ArrayList<>(back.attributes().keySet())).containsExactly(keys);
    }

    @Test
    void restoresFromItsSnapshotAsTheSameLayout() throws IOException {
        TypeSerializerSnapshot<Span> snapshot = new SpanSerializer().snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        snapshot.writeSnapshot(out);
        TypeSerializerSnapshot<Span> read = new SpanSerializer.SpanSerializerSnapshot();
        read.readSnapshot(
                snapshot.getCurrentVersion(),
                new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());

        TypeSerializerSchemaCompatibility<Span> compatibility =
                new SpanSerializer().snapshotConfiguration().resolveSchemaCompatibility(read);

        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(read.restoreSerializer()).isEqualTo(new SpanSerializer());
    }

    @Test
    void isWhatFlinkUsesForSpansWithGenericTypesDisabled() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);

        assertThat(TypeInformation.of(Span.class)).isEqualTo(new SpanTypeInfo());
        assertThat(TypeInformation.of(Span.class).createSerializer(config)).isInstanceOf(SpanSerializer.class);
        Configuration noGenericTypes = new Configuration();
        noGenericTypes.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(noGenericTypes);
        assertThat(env.fromData(List.of(withAttributes(Map.of()))).getType()).isInstanceOf(SpanTypeInfo.class);
    }

    @Test
    void readsStringsOfEveryLengthUpToSeventyBytesFromAHeapView() throws IOException {
        List<Span> spans = spansWithStringsOfEveryLength();
        SpanSerializer serializer = new SpanSerializer();
        DataOutputSerializer out = new DataOutputSerializer(1 << 20);
        for (Span span : spans) {
            serializer.serialize(span, out);
        }

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        List<Span> read = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            read.add(serializer.deserialize(in));
        }

        assertThat(read).containsExactlyElementsOf(spans);
        assertThat(in.available()).isZero();
    }

    @Test
    void writesTheSameBytesWhetherOrNotItWroteASpansStringsBefore() throws IOException {
        List<Span> spans = new ArrayList<>(spansWithStringsOfEveryLength());
        // the same instances again, in another order, past the strings each field remembers
        List<Span> again = new ArrayList<>(spans);
        java.util.Collections.shuffle(again, new Random(3));
        spans.addAll(again);
        // names whose length takes one byte and two: 127 bytes are written as 128, 128 as 129
        for (String name : List.of("y".repeat(126), "y".repeat(127), "y".repeat(128))) {
            spans.add(named(name));
            spans.add(named(name));
        }
        SpanSerializer remembering = new SpanSerializer();
        DataOutputSerializer out = new DataOutputSerializer(1 << 20);
        DataOutputSerializer fresh = new DataOutputSerializer(1 << 20);
        for (Span span : spans) {
            remembering.serialize(span, out);
            new SpanSerializer().serialize(span, fresh);
        }

        assertThat(out.getCopyOfBuffer()).isEqualTo(fresh.getCopyOfBuffer());
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (Span span : spans) {
            assertThat(remembering.deserialize(in)).isEqualTo(span);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void readsStringsOfEveryLengthUpToSeventyBytesFromOffHeapNetworkBuffers() throws IOException {
        List<Span> spans = spansWithStringsOfEveryLength();
        SpanSerializer serializer = new SpanSerializer();
        DataOutputSerializer framed = new DataOutputSerializer(1 << 20);
        DataOutputSerializer record = new DataOutputSerializer(1024);
        for (Span span : spans) {
            record.clear();
            serializer.serialize(span, record);
            framed.writeInt(record.length());
            framed.write(record.getSharedBuffer(), 0, record.length());
        }

        List<Span> read = readFromNetworkBuffers(framed.getCopyOfBuffer(), new SpanSerializer());

        assertThat(read).containsExactlyElementsOf(spans);
    }

    @Test
    void neverAnswersWithACachedStringForOtherBytesOfTheSameLengthAndHash() throws IOException {
        for (int length : new int[] {7, 16, 21, 40}) {
            String[] pair = twoStringsWithTheSameHash(length);
            SpanSerializer serializer = new SpanSerializer();
            List<Span> spans =
                    List.of(named(pair[0]), named(pair[1]), named(pair[0]), named(pair[0] + "x"), named(pair[1]));
            DataOutputSerializer out = new DataOutputSerializer(1024);
            for (Span span : spans) {
                serializer.serialize(span, out);
            }

            DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
            List<String> names = new ArrayList<>();
            for (int i = 0; i < spans.size(); i++) {
                names.add(serializer.deserialize(in).name());
            }

            assertThat(pair[0]).isNotEqualTo(pair[1]);
            assertThat(names).containsExactly(pair[0], pair[1], pair[0], pair[0] + "x", pair[1]);
        }
    }

    @ParameterizedTest(name = "strings of {0} bytes that differ only at byte {1} never read back as each other")
    @CsvSource({"3, 2", "8, 7", "8, 0", "13, 12", "13, 9", "16, 15", "16, 8", "23, 22", "23, 17", "23, 3", "64, 63"})
    void stringsOfOneLengthThatDifferInOneByteNeverReadBackAsEachOther(int length, int at) throws IOException {
        List<String> names = new ArrayList<>();
        for (char differing : "abcdefgh".toCharArray()) {
            char[] name = ascii(0, length).toCharArray();
            name[at] = differing;
            names.add(new String(name));
        }
        List<Span> spans = new ArrayList<>();
        Random random = new Random(length * 100L + at);
        for (int i = 0; i < 200; i++) {
            // new instances each time, so the writer encodes each anew
            spans.add(named(new String(names.get(random.nextInt(names.size())))));
        }
        SpanSerializer serializer = new SpanSerializer();
        DataOutputSerializer out = new DataOutputSerializer(1 << 16);
        for (Span span : spans) {
            serializer.serialize(span, out);
        }

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        List<String> read = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            read.add(serializer.deserialize(in).name());
        }

        assertThat(read)
                .containsExactlyElementsOf(spans.stream().map(Span::name).toList());
        assertThat(in.available()).isZero();
    }

    @Test
    void spansOfTheSameResourceReadBackSharingOneIdentityAndOthersKeepTheirOwn() throws IOException {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String tenant = i % 3 == 0 ? "globex" : "acme";
            String region = i % 5 == 0 ? "us-west-2" : "us-east-1";
            spans.add(new Span(
                    new ResourceIdentity(
                            new String("warehouse-api"), "1.4.2", "aws", new String(region), "production", tenant),
                    "4bf92f3577b34da6a3ce929d0e0e4736",
                    "00f067aa0ba902b7",
                    "",
                    "reserve",
                    SpanKind.INTERNAL,
                    i,
                    i + 1L,
                    StatusCode.UNSET,
                    "",
                    "",
                    "",
                    "",
                    Map.of(),
                    1.0));
        }
        SpanSerializer serializer = new SpanSerializer();
        DataOutputSerializer out = new DataOutputSerializer(1 << 16);
        for (Span span : spans) {
            serializer.serialize(span, out);
        }

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        Map<ResourceIdentity, ResourceIdentity> first = new HashMap<>();
        int shared = 0;
        for (Span span : spans) {
            ResourceIdentity read = serializer.deserialize(in).resource();
            assertThat(read).isEqualTo(span.resource());
            ResourceIdentity earlier = first.putIfAbsent(read, read);
            if (earlier != null && earlier == read) {
                shared++;
            }
        }

        assertThat(first).hasSize(4);
        assertThat(shared)
                .as("spans after the first of their resource share its identity")
                .isGreaterThan(30);
    }

    @Test
    void answersWithTheCachedStringForTheSameBytes() throws IOException {
        SpanSerializer serializer = new SpanSerializer();
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(named(new String("payment-authorization")), out);
        serializer.serialize(named(new String("payment-authorization")), out);

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        String first = serializer.deserialize(in).name();
        String second = serializer.deserialize(in).name();

        assertThat(second).isEqualTo("payment-authorization").isSameAs(first);
    }

    /**
     * Strings of 0 to 70 UTF-8 bytes, ASCII and with a two-, three- and four-byte character at every offset, so that
     * multi-byte characters straddle each eight-byte word and each tail; in ids, in cached fields and in attributes,
     * beside nulls and empty strings.
     */
    private static List<Span> spansWithStringsOfEveryLength() {
        List<String> strings = new ArrayList<>();
        String[] wide = {"\u00e9", "\u20ac", "\ud83d\ude00"};
        for (int length = 0; length <= 70; length++) {
            strings.add(ascii(0, length));
            for (String character : wide) {
                int width = character.getBytes(StandardCharsets.UTF_8).length;
                for (int offset = 0; offset + width <= length; offset++) {
                    strings.add(ascii(0, offset) + character + ascii(offset, length - offset - width));
                }
            }
        }
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < strings.size(); i++) {
            String text = strings.get(i);
            String other = strings.get(strings.size() - 1 - i);
            assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(70);
            spans.add(new Span(
                    i % 7 == 0 ? null : new ResourceIdentity(text, other, i % 2 == 0 ? null : "aws", text, "", other),
                    text,
                    other,
                    i % 3 == 0 ? null : text,
                    other,
                    SpanKind.SERVER,
                    i,
                    i + 1L,
                    StatusCode.OK,
                    i % 5 == 0 ? null : text,
                    text,
                    other,
                    i % 4 == 0 ? "" : text,
                    AttributeMap.of(new String[] {text, "k", other}, new String[] {other, text, ""}, 3),
                    1.0));
        }
        return spans;
    }

    private static String ascii(int from, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + (from + i) % 26));
        }
        return text.toString();
    }

    /** Two different strings of {@code length} ASCII bytes with the same cache hash, found by the birthday bound. */
    private static String[] twoStringsWithTheSameHash(int length) {
        Random random = new Random(length);
        Map<Integer, String> byHash = new HashMap<>();
        byte[] bytes = new byte[length];
        while (true) {
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) ('!' + random.nextInt(94));
            }
            String text = new String(bytes, StandardCharsets.US_ASCII);
            String earlier = byHash.putIfAbsent(SpanStrings.hash(bytes, length), text);
            if (earlier != null && !earlier.equals(text)) {
                return new String[] {earlier, text};
            }
        }
    }

    /**
     * Reads framed records as a task's input does: each 32 KiB of the stream in its own off-heap network buffer,
     * through Flink's record deserializer, which hands the serializer a view over the off-heap segment (or, for a
     * record that spans two buffers, a copy of it).
     */
    private static List<Span> readFromNetworkBuffers(byte[] stream, SpanSerializer serializer) throws IOException {
        int bufferSize = 32 * 1024;
        SpillingAdaptiveSpanningRecordDeserializer<DeserializationDelegate<Span>> deserializer =
                new SpillingAdaptiveSpanningRecordDeserializer<>(new String[] {System.getProperty("java.io.tmpdir")});
        DeserializationDelegate<Span> delegate = new NonReusingDeserializationDelegate<>(serializer);
        List<Span> read = new ArrayList<>();
        try {
            for (int offset = 0; offset < stream.length; offset += bufferSize) {
                int size = Math.min(bufferSize, stream.length - offset);
                MemorySegment segment = MemorySegmentFactory.allocateUnpooledOffHeapMemory(bufferSize);
                assertThat(segment.isOffHeap()).isTrue();
                segment.put(0, stream, offset, size);
                deserializer.setNextBuffer(
                        new NetworkBuffer(segment, FreeingBufferRecycler.INSTANCE, Buffer.DataType.DATA_BUFFER, size));
                DeserializationResult result;
                do {
                    result = deserializer.getNextRecord(delegate);
                    if (result.isFullRecord()) {
                        read.add(delegate.getInstance());
                    }
                } while (!result.isBufferConsumed());
            }
        } finally {
            deserializer.clear();
        }
        return read;
    }

    private static Span withAttributes(Map<String, String> attributes) {
        return new Span(
                AWS,
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7",
                "",
                "reserve",
                SpanKind.INTERNAL,
                1L,
                2L,
                StatusCode.UNSET,
                "",
                "",
                "",
                "",
                attributes,
                1.0);
    }

    private static Span named(String name) {
        return new Span(
                null, "t", "s", "", name, SpanKind.INTERNAL, 1L, 2L, StatusCode.UNSET, "", "", "", "", Map.of(), 1.0);
    }

    private static Span roundTrip(Span span) throws IOException {
        SpanSerializer serializer = new SpanSerializer();
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(span, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
