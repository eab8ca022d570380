package dev.concord.ingest.receiver;

import com.google.protobuf.Message;
import dev.concord.ingest.otlp.OtlpSignal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/** The success answers of OTLP, with {@code partial_success} set only when something was rejected. */
public final class OtlpResponses {

    private OtlpResponses() {}

    public static Message success(OtlpSignal signal, int rejected, String message) {
        return switch (signal) {
            case TRACES -> {
                var response = ExportTraceServiceResponse.newBuilder();
                if (rejected > 0) {
                    response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                            .setRejectedSpans(rejected)
                            .setErrorMessage(message));
                }
                yield response.build();
            }
            case LOGS -> {
                var response = ExportLogsServiceResponse.newBuilder();
                if (rejected > 0) {
                    response.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                            .setRejectedLogRecords(rejected)
                            .setErrorMessage(message));
                }
                yield response.build();
            }
            case METRICS -> {
                var response = ExportMetricsServiceResponse.newBuilder();
                if (rejected > 0) {
                    response.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                            .setRejectedDataPoints(rejected)
                            .setErrorMessage(message));
                }
                yield response.build();
            }
        };
    }
}
