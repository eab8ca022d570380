package dev.concord.ingest.sink;

import dev.concord.ingest.decode.SanitizedRequest;
import dev.concord.ingest.otlp.OtlpJsonWriter;
import dev.concord.ingest.otlp.OtlpSignal;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;

/**
 * Files in the OpenTelemetry Collector's file-exporter format: one OTLP/JSON request per line, one file per signal
 * ({@code traces.jsonl}, {@code logs.jsonl}, {@code metrics.jsonl}, with {@code .gz} when compressed), appended to.
 * Each request is flushed before it is acknowledged; a gzip file is sync-flushed so that every acknowledged line
 * can be read back even if the process dies.
 */
public final class FileSink implements TelemetrySink {

    private final Map<OtlpSignal, OutputStream> files = new EnumMap<>(OtlpSignal.class);
    private volatile boolean healthy = true;

    public FileSink(Path directory, boolean gzip) {
        try {
            Files.createDirectories(directory);
            for (OtlpSignal signal : OtlpSignal.values()) {
                Path file = directory.resolve(fileName(signal, gzip));
                OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                files.put(signal, gzip ? new GZIPOutputStream(out, 64 * 1024, true) : new BufferedOutputStream(out));
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot open the output files in " + directory, e);
        }
    }

    public static String fileName(OtlpSignal signal, boolean gzip) {
        return signal.label() + ".jsonl" + (gzip ? ".gz" : "");
    }

    @Override
    public CompletableFuture<Void> write(SanitizedRequest request) {
        OutputStream out = files.get(request.signal());
        byte[] line = OtlpJsonWriter.toJson(request.request());
        try {
            synchronized (out) {
                out.write(line);
                out.write('\n');
                out.flush();
            }
            healthy = true;
            return CompletableFuture.completedFuture(null);
        } catch (IOException e) {
            healthy = false;
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public boolean ready() {
        return healthy;
    }

    @Override
    public void close() {
        for (OutputStream out : files.values()) {
            try {
                synchronized (out) {
                    out.close();
                }
            } catch (IOException e) {
                // closing on shutdown: what was acknowledged was flushed already
            }
        }
    }
}
