package dev.concord.ingest.receiver.http;

import com.sun.net.httpserver.HttpExchange;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deadline for reading a request body. The JDK's HTTP server has no read timeout of its own, so a client that sends
 * a few bytes and then nothing would hold a worker and a queue slot for ever. When the deadline passes, the exchange
 * is closed before any answer was started, which makes the server drop the connection; the worker's blocked read
 * then fails and the worker is free again.
 */
final class ReadDeadlines implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadDeadlines.class);

    private final Duration timeout;
    private final ScheduledExecutorService timer;

    ReadDeadlines(Duration timeout) {
        this.timeout = timeout;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "otlp-http-read-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // a cancelled deadline is dropped at once, so finished reads leave nothing behind
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    /** Starts the deadline of one body read; closing the result before it passes cancels it. */
    Deadline start(HttpExchange exchange) {
        Deadline deadline = new Deadline();
        deadline.task = timer.schedule(
                () -> {
                    deadline.expired.set(true);
                    LOG.debug(
                            "Closing the connection of {}: body not read within {}",
                            exchange.getRemoteAddress(),
                            timeout);
                    exchange.close();
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        return deadline;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One armed deadline. */
    static final class Deadline implements AutoCloseable {
        private final AtomicBoolean expired = new AtomicBoolean();
        private ScheduledFuture<?> task;

        /** Whether the deadline passed and the connection was dropped. */
        boolean expired() {
            return expired.get();
        }

        @Override
        public void close() {
            task.cancel(false);
        }
    }
}
