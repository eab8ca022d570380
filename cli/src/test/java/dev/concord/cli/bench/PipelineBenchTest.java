package dev.concord.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineBenchTest {

    @Test
    void givesEachReadersRangeEveryNthRecordSoEveryReaderSpansTheWholeTime() {
        // the source gives the first reader the first four indices and the second the last three
        assertThat(PipelineBench.interleaved(List.of(0, 1, 2, 3, 4, 5, 6), 2)).containsExactly(0, 2, 4, 6, 1, 3, 5);
        assertThat(PipelineBench.interleaved(List.of(0, 1, 2), 1)).containsExactly(0, 1, 2);
    }
}
