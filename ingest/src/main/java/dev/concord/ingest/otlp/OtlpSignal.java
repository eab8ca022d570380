package dev.concord.ingest.otlp;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.function.Supplier;

/** The three OTLP signals with their HTTP paths and the topics of the Collector's Kafka exporter. */
public enum OtlpSignal {
    TRACES("traces", "/v1/traces", "otlp_spans", ExportTraceServiceRequest::newBuilder),
    LOGS("logs", "/v1/logs", "otlp_logs", ExportLogsServiceRequest::newBuilder),
    METRICS("metrics", "/v1/metrics", "otlp_metrics", ExportMetricsServiceRequest::newBuilder);

    /** protobuf-java's own default; stated so a change of library default does not change what Concord accepts. */
    private static final int MAX_PROTOBUF_RECURSION = 100;

    private final String label;
    private final String httpPath;
    private final String defaultTopic;
    private final Supplier<Message.Builder> builders;

    OtlpSignal(String label, String httpPath, String defaultTopic, Supplier<Message.Builder> builders) {
        this.label = label;
        this.httpPath = httpPath;
        this.defaultTopic = defaultTopic;
        this.builders = builders;
    }

    /** The value of the {@code signal} label on Concord's own metrics. */
    public String label() {
        return label;
    }

    public String httpPath() {
        return httpPath;
    }

    public String defaultTopic() {
        return defaultTopic;
    }

    /** Reads a request of this signal in either encoding; an empty payload is an empty request. */
    public Message parse(byte[] payload, int length, PayloadFormat format) throws MalformedOtlpException {
        Message.Builder builder = builders.get();
        if (format == PayloadFormat.JSON) {
            OtlpJsonReader.merge(payload, 0, length, builder);
            return builder.build();
        }
        try {
            CodedInputStream input = CodedInputStream.newInstance(payload, 0, length);
            input.setRecursionLimit(MAX_PROTOBUF_RECURSION);
            builder.mergeFrom(input);
            input.checkLastTagWas(0);
            return builder.build();
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedOtlpException("invalid OTLP protobuf", e);
        } catch (java.io.IOException | RuntimeException e) {
            throw new MalformedOtlpException("invalid OTLP protobuf", e);
        }
    }

    public Message parse(byte[] payload, PayloadFormat format) throws MalformedOtlpException {
        return parse(payload, payload.length, format);
    }
}
