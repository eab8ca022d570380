package dev.concord.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ingest.model.AttributeMap;
import dev.concord.ingest.model.ResourceIdentity;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.model.SpanKind;
import dev.concord.ingest.model.StatusCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * Flink's own serializer contract (copies, sequences, snapshot and restore, duplicates across threads, Java
 * serializability) run against {@link SpanSerializer}, plus what Concord relies on: every field survives, attributes
 * keep their order, and a job with generic types disabled accepts spans.
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

    private static Span roundTrip(Span span) throws IOException {
        SpanSerializer serializer = new SpanSerializer();
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(span, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
