package dev.concord.jobs.bench;

import dev.concord.ingest.model.Span;
import dev.concord.jobs.sources.IndexedElements;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/** The simulated spans as the pipeline's source hands them out, noting each new highest event time per reader. */
final class StampedSpans implements GeneratorFunction<Long, Span> {

    private static final long serialVersionUID = 1L;

    private final IndexedElements<Span> spans;

    private transient Probe.LongPairs highest;

    StampedSpans(IndexedElements<Span> spans) {
        this.spans = spans;
    }

    @Override
    public void open(SourceReaderContext readerContext) {
        highest = Probe.reader(readerContext.getIndexOfSubtask());
    }

    @Override
    public Span map(Long index) throws Exception {
        Span span = spans.map(index);
        long eventTime = span.endEpochMillis();
        if (eventTime > highest.lastFirst()) {
            highest.add(eventTime, System.nanoTime());
        }
        return span;
    }
}
