package dev.concord.engine.sinks;

import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds a server a sink hosts, retrying while the port is busy: a previous attempt of the same job (restarted after a
 * failure, on the same TaskManager) may still hold it for a moment.
 */
public final class PortBinding {

    private static final Logger LOG = LoggerFactory.getLogger(PortBinding.class);
    private static final long RETRY_MILLIS = 500;

    /** Starts a server on its port; a busy port is a {@link BindException}. */
    @FunctionalInterface
    public interface Binder<S> {
        S bind() throws IOException;
    }

    private PortBinding() {}

    /** @param what names the server in the log and the error, for example "Prometheus exporter" */
    public static <S> S retrying(String what, int port, Duration timeout, Binder<S> binder) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return binder.bind();
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(what + ": port " + port + " stayed busy for " + timeout, e);
                }
                LOG.info("{}: port {} busy, retrying", what, port);
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException(what + ": interrupted waiting for port " + port, ie);
                }
            }
        }
    }
}
