package dev.concord.ingest.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ingest.decode.DecodeLimits;
import dev.concord.ingest.decode.OtlpDecoder;
import dev.concord.ingest.decode.SanitizedRequest;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.otlp.PayloadFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSinkTest {

    private static final OtlpDecoder DECODER = new OtlpDecoder(
            Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC), DecodeLimits.defaults());

    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzip={0}: each request is one OTLP/JSON line that reads back as the same request")
    @ValueSource(booleans = {false, true})
    void writesOneOtlpJsonLinePerRequest(boolean gzip) throws Exception {
        SanitizedRequest first = traces("traces.json");
        SanitizedRequest second = traces("traces.json");
        try (FileSink sink = new FileSink(dir, gzip)) {
            sink.write(first).get();
            sink.write(second).get();
        }

        List<String> lines = lines(dir.resolve(FileSink.fileName(OtlpSignal.TRACES, gzip)), gzip);

        assertThat(lines).hasSize(2);
        for (String line : lines) {
            assertThat(OtlpSignal.TRACES.parse(line.getBytes(StandardCharsets.UTF_8), PayloadFormat.JSON))
                    .isEqualTo(first.request());
        }
        assertThat(lines(dir.resolve(FileSink.fileName(OtlpSignal.LOGS, gzip)), gzip))
                .isEmpty();
    }

    private static SanitizedRequest traces(String sample) throws Exception {
        try (InputStream in = FileSinkTest.class.getResourceAsStream("/otlp/" + sample)) {
            byte[] json = in.readAllBytes();
            return DECODER.read(OtlpSignal.TRACES, json, json.length, PayloadFormat.JSON, Optional.of("acme"));
        }
    }

    private static List<String> lines(Path file, boolean gzip) throws IOException {
        try (InputStream in = gzip ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        }
    }
}
