package dev.concord.jobs.replay;

import dev.concord.ingest.decode.CanonicalBatch;
import dev.concord.ingest.decode.DecodeLimits;
import dev.concord.ingest.decode.OtlpDecoder;
import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.otlp.MalformedOtlpException;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.otlp.PayloadFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Telemetry recorded in the OpenTelemetry Collector's file-exporter format: OTLP/JSON, one export request per line,
 * each line traces, logs or metrics, files optionally gzipped. Everything is read into memory and put in time order,
 * so a replay gives the same result whatever order the files and lines came in.
 *
 * @param problems one line per line that could not be decoded: {@code file:line: reason}
 */
public record RecordedTelemetry(
        List<Span> spans,
        List<ProbeResult> probes,
        List<LogRecord> logs,
        List<MetricSample> metrics,
        List<String> problems) {

    /** Recorded timestamps are judged against no wall clock: a recording may be of any date (within epoch nanos). */
    private static final Clock NO_FUTURE_LIMIT = Clock.fixed(Instant.parse("2200-01-01T00:00:00Z"), ZoneOffset.UTC);

    public RecordedTelemetry {
        spans = List.copyOf(spans);
        probes = List.copyOf(probes);
        logs = List.copyOf(logs);
        metrics = List.copyOf(metrics);
        problems = List.copyOf(problems);
    }

    /** Reads files, and the {@code .json}, {@code .jsonl} and {@code .gz} files under directories, in name order. */
    public static RecordedTelemetry read(List<Path> inputs) throws IOException {
        OtlpDecoder decoder = new OtlpDecoder(NO_FUTURE_LIMIT, DecodeLimits.defaults());
        List<Span> spans = new ArrayList<>();
        List<ProbeResult> probes = new ArrayList<>();
        List<LogRecord> logs = new ArrayList<>();
        List<MetricSample> metrics = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files(inputs)) {
            try (BufferedReader reader = open(file)) {
                String line;
                int number = 0;
                while ((line = reader.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                        CanonicalBatch batch = decoder.decode(signalOf(line), bytes, bytes.length, PayloadFormat.JSON);
                        spans.addAll(batch.spans());
                        probes.addAll(batch.probes());
                        logs.addAll(batch.logs());
                        metrics.addAll(batch.metrics());
                    } catch (MalformedOtlpException | RuntimeException e) {
                        problems.add(file + ":" + number + ": " + e.getMessage());
                    }
                }
            }
        }
        spans.sort(Comparator.comparingLong(Span::endTimeUnixNano)
                .thenComparing(Span::traceId)
                .thenComparing(Span::spanId));
        probes.sort(Comparator.comparingLong(ProbeResult::timeUnixNano).thenComparing(ProbeResult::vantagePoint));
        logs.sort(Comparator.comparingLong(LogRecord::timeUnixNano).thenComparing(LogRecord::body));
        metrics.sort(Comparator.comparingLong(MetricSample::timeUnixNano).thenComparing(MetricSample::name));
        return new RecordedTelemetry(spans, probes, logs, metrics, problems);
    }

    /** Which signal a line carries, from its top-level key; traces when it names none, so the decoder says why. */
    static OtlpSignal signalOf(String line) {
        if (line.contains("\"resourceLogs\"")) {
            return OtlpSignal.LOGS;
        }
        if (line.contains("\"resourceMetrics\"")) {
            return OtlpSignal.METRICS;
        }
        return OtlpSignal.TRACES;
    }

    private static List<Path> files(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> {
                                String name = p.getFileName().toString();
                                return name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".gz");
                            })
                            .sorted()
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new IOException("no such file or directory: " + input);
            }
        }
        return files;
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
