package dev.concord.ingest.receiver;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded queue of requests in flight (being read, decoded, or waiting for the sink). Together with the body
 * limit it bounds the memory the receiver can use: at most {@code capacity × maxBodyBytes} of request data. A request
 * that finds it full is answered at once with 429 (or RESOURCE_EXHAUSTED) rather than waiting.
 */
public final class Admission {

    private final Semaphore slots;
    private final int capacity;
    private final AtomicLong bytes = new AtomicLong();

    public Admission(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.slots = new Semaphore(capacity);
    }

    /** A slot, or null when the queue is full. */
    public Slot tryEnter() {
        return slots.tryAcquire() ? new Slot() : null;
    }

    public int depth() {
        return capacity - slots.availablePermits();
    }

    public long bytes() {
        return bytes.get();
    }

    /** One request's place in the queue; closing it frees the place and the bytes it held. */
    public final class Slot implements AutoCloseable {
        private long held;
        private boolean closed;

        private Slot() {}

        public void holdBytes(long count) {
            held += count;
            bytes.addAndGet(count);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                bytes.addAndGet(-held);
                slots.release();
            }
        }
    }
}
