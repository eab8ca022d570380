package dev.concord.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.otlp.PayloadFormat;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class OtlpFlinkDecodingTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);

    private static byte[] sample(String name) throws Exception {
        try (InputStream in = OtlpFlinkDecodingTest.class.getResourceAsStream("/otlp/" + name)) {
            return in.readAllBytes();
        }
    }

    /** A Kafka message as the Collector's Kafka exporter writes it: the request's protobuf bytes. */
    private static byte[] otlpProto(String jsonSample) throws Exception {
        return OtlpSignal.METRICS.parse(sample(jsonSample), PayloadFormat.JSON).toByteArray();
    }

    @Test
    void oneKafkaMessageBecomesManyRecordsAndAnUndecodableOneADeadLetterWithItsReason() throws Exception {
        OtlpDecodeFunction<MetricSample> function = new OtlpDecodeFunction<>(
                OtlpDecoding.metrics(PayloadFormat.PROTOBUF).withClock(NOW));
        try (OneInputStreamOperatorTestHarness<byte[], MetricSample> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(function)) {
            harness.processElement(otlpProto("metrics.json"), 1L);
            harness.processElement(new byte[] {0x0a, 0x7f, 0x01}, 2L);
            harness.processElement(otlpProto("metrics.json"), 3L);

            assertThat(harness.extractOutputValues())
                    .hasSize(8)
                    .extracting(MetricSample::name)
                    .startsWith("db.replication.lag", "orders.placed");
            List<DeadLetter> deadLetters = new ArrayList<>();
            for (StreamRecord<DeadLetter> record : harness.getSideOutput(OtlpDecodeFunction.DEAD_LETTERS)) {
                deadLetters.add(record.getValue());
            }
            assertThat(deadLetters).singleElement().satisfies(letter -> {
                assertThat(letter.signal()).isEqualTo("metrics");
                assertThat(letter.reason()).startsWith("invalid OTLP protobuf");
                assertThat(letter.payloadBytes()).isEqualTo(3);
                assertThat(letter.payloadPrefix()).isEqualTo("0a7f01");
            });
        }
    }

    @Test
    void theSchemaReadsALineOfTheCollectorFileFormatAndCountsWhatItSkips() throws Exception {
        OtlpDeserializationSchema<Span> schema = new OtlpDeserializationSchema<>(
                OtlpDecoding.spans(PayloadFormat.JSON).withClock(NOW));
        List<Span> spans = new ArrayList<>();
        byte[] line = new String(sample("traces.json"), StandardCharsets.UTF_8)
                .replace("\n", "")
                .getBytes(StandardCharsets.UTF_8);

        schema.deserialize(line, new ListCollector<>(spans));
        schema.deserialize("{\"resourceSpans\":[{".getBytes(StandardCharsets.UTF_8), new ListCollector<>(spans));

        assertThat(spans).extracting(Span::name).containsExactly("POST /reservations");
        assertThat(schema.deadLetterCount()).isEqualTo(1);
        assertThat(schema.getProducedType().getTypeClass()).isEqualTo(Span.class);
    }

    @Test
    void theDecodingSurvivesJavaSerializationAsFlinkShipsIt() throws Exception {
        OtlpDecoding<Span> decoding = org.apache.flink.util.InstantiationUtil.clone(
                OtlpDecoding.spans(PayloadFormat.JSON).withClock(NOW));

        assertThat(decoding.decode(sample("traces.json"))).hasSize(1);
    }

    @Test
    void aDeadLetterIsSerializedByFlinkAsAPojoWithoutKryo() {
        org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo(DeadLetter.class);
    }
}
