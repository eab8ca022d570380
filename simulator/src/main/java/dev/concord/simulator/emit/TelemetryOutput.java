package dev.concord.simulator.emit;

import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;

/**
 * Where simulated telemetry goes, one export request at a time, in delivery order: what the SDK's exporters would
 * send at that moment. Each call is one request of one signal, never empty.
 */
public interface TelemetryOutput extends AutoCloseable {

    void traces(List<SpanData> spans);

    void logs(List<LogRecordData> logs);

    void metrics(List<MetricData> metrics);

    @Override
    default void close() {}
}
