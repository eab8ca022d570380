package dev.concord.cli.bench;

import dev.concord.engine.sources.IndexedElements;
import dev.concord.ingest.model.Span;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The simulated spans as the pipeline's source hands them out, noting each new highest event time per reader.
 *
 * <p>The spans do not travel inside the job graph: the bench runs on the embedded engine in this JVM, so the function
 * carries only a handle and its readers find the serialized spans here. A job graph holding them would have to be
 * serialized and deserialized for each run (hundreds of megabytes at a few hours of traffic), which both limits how
 * long a run can be and leaves garbage for the collector to clear inside the measured interval.
 */
final class StampedSpans implements GeneratorFunction<Long, Span> {

    private static final long serialVersionUID = 1L;

    private static final Map<Long, IndexedElements<Span>> SHARED = new ConcurrentHashMap<>();
    private static final AtomicLong HANDLES = new AtomicLong();

    private final long handle;

    private transient IndexedElements<Span> spans;
    private transient Probe.LongPairs highest;

    private StampedSpans(long handle) {
        this.handle = handle;
    }

    /** A function handing out {@code spans}, which stay in this JVM for as long as it lives. */
    static StampedSpans sharing(IndexedElements<Span> spans) {
        long handle = HANDLES.incrementAndGet();
        SHARED.put(handle, spans);
        return new StampedSpans(handle);
    }

    @Override
    public void open(SourceReaderContext readerContext) {
        IndexedElements<Span> shared = SHARED.get(handle);
        if (shared == null) {
            throw new IllegalStateException("the bench's spans are reachable only on the embedded engine");
        }
        // a copy per reader: each keeps its own read position
        spans = shared.reader();
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
