package dev.concord.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Hands a running job's records to the process that started it, while the job runs. Only for the embedded engine:
 * the sinks and the reader share one JVM, and a sink finds its feed by id, since sinks are serialized into the job.
 */
final class LiveFeed implements AutoCloseable {

    private static final Map<String, BlockingQueue<Object>> OPEN = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

    LiveFeed() {
        OPEN.put(id, queue);
    }

    /** A sink whose every record arrives here. */
    <T> Sink<T> sink() {
        return new FeedSink<>(id);
    }

    /** What arrived since the last call, waiting up to {@code waitMillis} for the first record. */
    List<Object> drain(long waitMillis) throws InterruptedException {
        List<Object> records = new ArrayList<>();
        Object first = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (first != null) {
            records.add(first);
            queue.drainTo(records);
        }
        return records;
    }

    @Override
    public void close() {
        OPEN.remove(id);
    }

    private static final class FeedSink<T> implements Sink<T> {

        private static final long serialVersionUID = 1L;

        private final String id;

        FeedSink(String id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context context) {
                    BlockingQueue<Object> queue = OPEN.get(id);
                    // a feed closed by its reader (the demo gave up) drops what still comes
                    if (queue != null) {
                        queue.add(element);
                    }
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
