package dev.concord.ingest.receiver.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deadline for the request line and headers (slow-loris). The JDK's HTTP server reads them on a worker, inside the
 * task it gives the executor, before any handler or filter runs, and has no timeout of its own; there is no exchange
 * to close yet either. So every task the server gives the workers is wrapped here: if the {@linkplain #filter() filter}
 * in front of every handler is not reached in time, the worker is interrupted, which closes the connection's channel
 * (a blocking read on an interruptible channel) and makes the server drop it; the worker is then free again.
 */
final class HeaderDeadlines implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadlines.class);

    private final Duration timeout;
    private final Runnable onExpiry;
    private final ScheduledExecutorService timer;
    private final ThreadLocal<Deadline> current = new ThreadLocal<>();

    /** {@code onExpiry} runs on the timer thread each time a connection is cut off. */
    HeaderDeadlines(Duration timeout, Runnable onExpiry) {
        this.timeout = timeout;
        this.onExpiry = onExpiry;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "otlp-http-header-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // most deadlines are cancelled within milliseconds: drop them at once
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    /** The executor to give the server: {@code workers}, with a header deadline around every task. */
    Executor around(Executor workers) {
        return task -> workers.execute(() -> run(task));
    }

    /** Ends the header deadline of the exchange it sees: by the time a filter runs, the headers were read. */
    Filter filter() {
        return new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                Deadline deadline = current.get();
                if (deadline != null) {
                    deadline.headersRead();
                }
                chain.doFilter(exchange);
            }

            @Override
            public String description() {
                return "header read deadline";
            }
        };
    }

    private void run(Runnable task) {
        Deadline deadline = new Deadline(Thread.currentThread());
        current.set(deadline);
        deadline.arm(timer.schedule(deadline::expire, timeout.toMillis(), TimeUnit.MILLISECONDS));
        try {
            task.run();
        } finally {
            current.remove();
            deadline.finish();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One task's deadline; the lock orders the interrupt against the end of the header phase and of the task. */
    private final class Deadline {
        private static final int READING = 0;
        private static final int HANDLING = 1;
        private static final int EXPIRED = 2;
        private static final int DONE = 3;

        private final Thread worker;
        private ScheduledFuture<?> task;
        private int state = READING;

        Deadline(Thread worker) {
            this.worker = worker;
        }

        synchronized void arm(ScheduledFuture<?> future) {
            task = future;
        }

        synchronized void expire() {
            if (state != READING) {
                return;
            }
            state = EXPIRED;
            LOG.debug("Closing a connection: request headers not read within {}", timeout);
            worker.interrupt();
            onExpiry.run();
        }

        synchronized void headersRead() {
            if (state == READING) {
                state = HANDLING;
                task.cancel(false);
            }
        }

        synchronized void finish() {
            task.cancel(false);
            if (state == EXPIRED) {
                // the interrupt was for this task only: the worker goes back to the pool clean
                Thread.interrupted();
            }
            state = DONE;
        }
    }
}
