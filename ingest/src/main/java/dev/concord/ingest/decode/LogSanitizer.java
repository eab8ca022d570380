package dev.concord.ingest.decode;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rejects log records with bad ids or future times and trims the rest to the limits. */
final class LogSanitizer {

    private final AttributeSanitizer attributes;
    private final ResourceSanitizer resources;
    private final TimeChecks times;

    LogSanitizer(AttributeSanitizer attributes, TimeChecks times) {
        this.attributes = attributes;
        this.resources = new ResourceSanitizer(attributes);
        this.times = times;
    }

    ExportLogsServiceRequest sanitize(ExportLogsServiceRequest request, Optional<String> tenant, DecodeReport report) {
        long latest = times.latestAcceptableNanos();
        ExportLogsServiceRequest.Builder out = ExportLogsServiceRequest.newBuilder();
        for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
            ResourceLogs.Builder resourceOut = ResourceLogs.newBuilder().setSchemaUrl(resourceLogs.getSchemaUrl());
            int kept = 0;
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                List<LogRecord> records = new ArrayList<>(scopeLogs.getLogRecordsCount());
                for (LogRecord record : scopeLogs.getLogRecordsList()) {
                    LogRecord clean = sanitize(record, latest, report);
                    if (clean != null) {
                        records.add(clean);
                    }
                }
                if (!records.isEmpty()) {
                    resourceOut.addScopeLogs(
                            scopeLogs.toBuilder().clearLogRecords().addAllLogRecords(records));
                    kept += records.size();
                }
            }
            if (kept > 0) {
                resourceOut.setResource(resources.sanitize(resourceLogs.getResource(), tenant, kept, report));
                out.addResourceLogs(resourceOut);
            }
        }
        return out.build();
    }

    private LogRecord sanitize(LogRecord record, long latestNanos, DecodeReport report) {
        int traceId = record.getTraceId().size();
        int spanId = record.getSpanId().size();
        if ((traceId != 0 && traceId != 16) || (spanId != 0 && spanId != 8)) {
            report.reject(
                    RejectReason.INVALID_ID,
                    "a log record has a trace id that is not 16 bytes or a span id that" + " is not 8 bytes");
            return null;
        }
        if (record.getTimeUnixNano() > latestNanos || record.getObservedTimeUnixNano() > latestNanos) {
            report.reject(
                    RejectReason.FUTURE_TIMESTAMP,
                    "a log record has a timestamp more than the allowed skew in the future");
            return null;
        }
        report.accept();
        List<KeyValue> in = record.getAttributesList();
        List<KeyValue> trimmed = attributes.trim(in, report);
        if (trimmed == in) {
            return record;
        }
        return record.toBuilder()
                .clearAttributes()
                .addAllAttributes(trimmed)
                .setDroppedAttributesCount(record.getDroppedAttributesCount() + attributes.dropped(in.size()))
                .build();
    }
}
