package dev.concord.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ingest.model.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Keeps the benchmark honest: both views give back every span it wrote, in order. */
class SpanSerializerBenchmarkTest {

    @Test
    void bothViewsReadBackTheHundredSpansTheBenchmarkWrote() throws Exception {
        SpanSerializerBenchmark benchmark = new SpanSerializerBenchmark();
        benchmark.setUp();
        List<Span> expected = SpanSerializerBenchmark.realisticSpans(new Random(42));
        List<Span> twice = new ArrayList<>(expected);
        twice.addAll(expected);

        try {
            assertThat(benchmark.readBack()).containsExactlyElementsOf(twice);
        } finally {
            benchmark.tearDown();
        }
    }
}
