package dev.concord.ingest.decode;

import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.otlp.HexIds;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.List;

/** Maps OTLP log records to canonical log records. */
final class LogMapper {

    private LogMapper() {}

    static void map(ExportLogsServiceRequest request, List<LogRecord> logs) {
        for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
            FlatResource resource = FlatResource.of(resourceLogs.getResource());
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                for (io.opentelemetry.proto.logs.v1.LogRecord record : scopeLogs.getLogRecordsList()) {
                    logs.add(new LogRecord(
                            resource.identity(),
                            record.getTimeUnixNano(),
                            record.getObservedTimeUnixNano(),
                            record.getSeverityNumberValue(),
                            record.getSeverityText(),
                            AnyValues.render(record.getBody()),
                            HexIds.toHex(record.getTraceId()),
                            HexIds.toHex(record.getSpanId()),
                            resource.with(record.getAttributesList())));
                }
            }
        }
    }
}
