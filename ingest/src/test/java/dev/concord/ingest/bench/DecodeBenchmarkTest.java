package dev.concord.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keeps the benchmark honest: both encodings decode to the same 100 spans. */
class DecodeBenchmarkTest {

    @Test
    void bothEncodingsOfTheBenchmarkRequestDecodeToTheSameHundredSpans() throws Exception {
        DecodeBenchmark benchmark = new DecodeBenchmark();
        benchmark.setUp();

        assertThat(benchmark.protobuf().spans()).hasSize(DecodeBenchmark.SPANS);
        assertThat(benchmark.json()).isEqualTo(benchmark.protobuf());
    }
}
