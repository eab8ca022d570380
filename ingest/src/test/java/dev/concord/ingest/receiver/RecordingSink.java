package dev.concord.ingest.receiver;

import dev.concord.ingest.decode.SanitizedRequest;
import dev.concord.ingest.sink.TelemetrySink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** A sink for tests: keeps what it is given, or fails, or holds every write until released. */
public final class RecordingSink implements TelemetrySink {

    public enum Mode {
        ACCEPT,
        FAIL,
        HOLD
    }

    private final List<SanitizedRequest> written = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Mode mode = Mode.ACCEPT;

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public void releaseHeld() {
        release.countDown();
    }

    public List<SanitizedRequest> written() {
        return List.copyOf(written);
    }

    @Override
    public CompletableFuture<Void> write(SanitizedRequest request) {
        return switch (mode) {
            case ACCEPT -> {
                written.add(request);
                yield CompletableFuture.completedFuture(null);
            }
            case FAIL -> CompletableFuture.failedFuture(new IllegalStateException("sink down"));
            case HOLD ->
                CompletableFuture.runAsync(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    written.add(request);
                });
        };
    }

    @Override
    public boolean ready() {
        return mode != Mode.FAIL;
    }

    @Override
    public void close() {
        release.countDown();
    }
}
