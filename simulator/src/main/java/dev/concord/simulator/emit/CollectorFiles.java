package dev.concord.simulator.emit;

import com.google.protobuf.MessageOrBuilder;
import dev.concord.ingest.otlp.OtlpJsonWriter;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.sink.FileSink;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Files in the OpenTelemetry Collector's file-exporter format, named as {@code concord ingest --out} names them
 * ({@code traces.jsonl}, {@code logs.jsonl}, {@code metrics.jsonl}): one OTLP/JSON request per line, ready for
 * replay. Existing files are replaced, so that a seed always yields the same bytes.
 */
public final class CollectorFiles implements TelemetryOutput {

    private final Map<OtlpSignal, OutputStream> files = new EnumMap<>(OtlpSignal.class);

    public CollectorFiles(Path directory) {
        try {
            Files.createDirectories(directory);
            for (OtlpSignal signal : OtlpSignal.values()) {
                files.put(
                        signal,
                        new BufferedOutputStream(
                                Files.newOutputStream(directory.resolve(FileSink.fileName(signal, false))), 1 << 16));
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot write the telemetry files in " + directory, e);
        }
    }

    @Override
    public void traces(List<SpanData> spans) {
        write(OtlpSignal.TRACES, OtlpRequests.traces(spans));
    }

    @Override
    public void logs(List<LogRecordData> logs) {
        write(OtlpSignal.LOGS, OtlpRequests.logs(logs));
    }

    @Override
    public void metrics(List<MetricData> metrics) {
        write(OtlpSignal.METRICS, OtlpRequests.metrics(metrics));
    }

    private void write(OtlpSignal signal, MessageOrBuilder request) {
        OutputStream out = files.get(signal);
        try {
            OtlpJsonWriter.write(request, out);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        IOException failure = null;
        for (OutputStream out : files.values()) {
            try {
                out.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new UncheckedIOException("cannot finish the telemetry files", failure);
        }
    }
}
