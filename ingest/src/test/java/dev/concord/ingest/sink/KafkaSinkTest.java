package dev.concord.ingest.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.concord.ingest.decode.DecodeReport;
import dev.concord.ingest.decode.SanitizedRequest;
import dev.concord.ingest.otlp.OtlpSignal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaSinkTest {

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final KafkaSink sink = new KafkaSink(producer, KafkaTopics.DEFAULTS);

    private static Span span(String traceHex, String name) {
        return Span.newBuilder()
                .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceHex)))
                .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .setName(name)
                .build();
    }

    private static SanitizedRequest twoTraces() {
        return new SanitizedRequest(
                OtlpSignal.TRACES,
                ExportTraceServiceRequest.newBuilder()
                        .addResourceSpans(ResourceSpans.newBuilder()
                                .addScopeSpans(ScopeSpans.newBuilder()
                                        .addSpans(span("0af7651916cd43dd8448eb211c80319c", "a"))
                                        .addSpans(span("4bf92f3577b34da6a3ce929d0e0e4736", "b"))
                                        .addSpans(span("0af7651916cd43dd8448eb211c80319c", "c"))))
                        .build(),
                new DecodeReport());
    }

    @Test
    void spansAreSplitByTraceAndKeyedByTheTraceIdInHex() throws Exception {
        sink.write(twoTraces());

        assertThat(producer.history())
                .extracting(r -> r.topic(), r -> new String(r.key(), StandardCharsets.US_ASCII))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("otlp_spans", "0af7651916cd43dd8448eb211c80319c"),
                        org.assertj.core.groups.Tuple.tuple("otlp_spans", "4bf92f3577b34da6a3ce929d0e0e4736"));
        ExportTraceServiceRequest first =
                ExportTraceServiceRequest.parseFrom(producer.history().get(0).value());
        assertThat(first.getResourceSpans(0).getScopeSpans(0).getSpansList())
                .extracting(Span::getName)
                .containsExactly("a", "c");
    }

    @Test
    void aWriteCompletesOnlyWhenEveryMessageIsAcknowledged() {
        CompletableFuture<Void> written = sink.write(twoTraces());

        producer.completeNext();
        assertThat(written).isNotDone();
        producer.completeNext();
        assertThat(written).isCompleted();
        assertThat(sink.ready()).isTrue();
    }

    @Test
    void aFailedAcknowledgementFailsTheWriteAndMakesTheSinkNotReady() {
        CompletableFuture<Void> written = sink.write(twoTraces());

        producer.completeNext();
        producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"));

        assertThat(written).isCompletedExceptionally();
        assertThat(sink.ready()).isFalse();
    }
}
