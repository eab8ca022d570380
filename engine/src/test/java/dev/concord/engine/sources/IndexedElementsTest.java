package dev.concord.engine.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.testing.OutputFixtures;
import dev.concord.ingest.model.Span;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.junit.jupiter.api.Test;

class IndexedElementsTest {

    private static final List<Span> SPANS = OutputFixtures.spans().subList(0, 500);

    @Test
    void handsOutTheRecordAtEachIndexWhateverTheOrderItIsAskedIn() throws Exception {
        IndexedElements<Span> elements =
                new IndexedElements<>(TypeInformation.of(Span.class), new ExecutionConfig(), SPANS);

        assertThat(elements.size()).isEqualTo(SPANS.size());
        for (long i = SPANS.size() - 1; i >= 0; i -= 7) {
            assertThat(elements.map(i)).isEqualTo(SPANS.get((int) i));
        }
    }

    @Test
    void aReaderOfTheLastRangeReadsItWithoutTheRangesBeforeIt() throws Exception {
        IndexedElements<Span> elements =
                new IndexedElements<>(TypeInformation.of(Span.class), new ExecutionConfig(), SPANS);

        int from = SPANS.size() / 2;
        for (int i = from; i < SPANS.size(); i++) {
            assertThat(elements.map((long) i)).isEqualTo(SPANS.get(i));
        }
    }
}
