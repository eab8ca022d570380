package dev.concord.ingest.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignalModelSerializationTest {

    private static final ResourceIdentity RESOURCE =
            new ResourceIdentity("warehouse-api", "1.4.2", "aws", "us-east-1", "production", "acme");

    static Stream<Arguments> signals() {
        return Stream.of(
                Arguments.of(
                        "a span",
                        new Span(
                                RESOURCE,
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
                                Map.of("http.response.status_code", "503"),
                                4.0)),
                Arguments.of(
                        "a log record",
                        new LogRecord(
                                RESOURCE,
                                2_000_000_000L,
                                2_000_000_100L,
                                17,
                                "ERROR",
                                "ERP connector: authentication failed",
                                "4bf92f3577b34da6a3ce929d0e0e4736",
                                "00f067aa0ba902b7",
                                Map.of("exception.type", "AuthException"))),
                Arguments.of(
                        "a metric sample",
                        new MetricSample(
                                RESOURCE,
                                "db.replication.lag",
                                "s",
                                MetricKind.GAUGE,
                                3_000_000_000L,
                                12.5,
                                Map.of("db.system", "postgresql"))),
                Arguments.of(
                        "a probe result",
                        new ProbeResult(
                                RESOURCE,
                                4_000_000_000L,
                                "checkout-journey",
                                "eu-west-probe",
                                "aws",
                                "us-east-1",
                                "order-to-fulfillment",
                                false,
                                850_000_000L,
                                "reserve-stock")));
    }

    @ParameterizedTest(name = "{0} is serialized by Flink as a POJO without Kryo, or a span by its own serializer")
    @MethodSource("signals")
    void isSerializedAsPojoWithoutKryo(String description, Object signal) {
        if (signal instanceof Span) {
            assertThat(TypeInformation.of(Span.class)).isInstanceOf(SpanTypeInfo.class);
            assertThat(serializerOf(Span.class)).isInstanceOf(SpanSerializer.class);
        } else {
            PojoTestUtils.assertSerializedAsPojoWithoutKryo(signal.getClass());
        }
    }

    @ParameterizedTest(name = "{0} survives a round trip through its Flink serializer unchanged")
    @MethodSource("signals")
    void survivesASerializerRoundTrip(String description, Object signal) throws IOException {
        assertThat(roundTrip(signal)).isEqualTo(signal);
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException {
        TypeSerializer<T> serializer = serializerOf((Class<T>) value.getClass());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    private static <T> TypeSerializer<T> serializerOf(Class<T> type) {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        return TypeInformation.of(type).createSerializer(config);
    }
}
