package dev.concord.ingest.receiver.http;

import com.sun.net.httpserver.HttpExchange;
import dev.concord.ingest.otlp.PayloadFormat;
import dev.concord.ingest.receiver.Admission;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request body read within the receiver's limits while it holds a place in the bounded queue, or the answer already
 * given instead: 429 with Retry-After when the queue is full, 413 past the body limit, 400 for a broken encoding,
 * nothing when the body did not arrive in time. Closing it gives the place back.
 */
final class AdmittedBody implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdmittedBody.class);

    private final Admission.Slot slot;
    private final BodyReader.Body body;
    private final int answered;

    private AdmittedBody(Admission.Slot slot, BodyReader.Body body, int answered) {
        this.slot = slot;
        this.body = body;
        this.answered = answered;
    }

    static AdmittedBody read(HttpExchange exchange, HttpContextSettings settings, boolean gzip, PayloadFormat format)
            throws IOException {
        Admission.Slot slot = settings.admission().tryEnter();
        if (slot == null) {
            exchange.getResponseHeaders().set("Retry-After", settings.retryAfterSeconds());
            Exchanges.refuse(
                    exchange, 429, format, RpcStatus.RESOURCE_EXHAUSTED, "the receiver's queue is full; retry later");
            return new AdmittedBody(null, null, 429);
        }
        try {
            ReadDeadlines.Deadline deadline = settings.readDeadlines().start(exchange);
            try (deadline) {
                BodyReader.Body body = BodyReader.read(exchange.getRequestBody(), gzip, settings.maxBodyBytes());
                slot.holdBytes(body.length());
                return new AdmittedBody(slot, body, 0);
            } catch (IOException e) {
                if (deadline.expired()) {
                    LOG.debug("Request on {} dropped: its body did not arrive in time", exchange.getRequestURI());
                    return new AdmittedBody(slot, null, HttpContextSettings.READ_TIMED_OUT);
                }
                throw e;
            } catch (BodyReader.TooLarge e) {
                Exchanges.refuse(exchange, 413, format, RpcStatus.INVALID_ARGUMENT, e.getMessage());
                return new AdmittedBody(slot, null, 413);
            } catch (BodyReader.BadEncoding e) {
                Exchanges.refuse(exchange, 400, format, RpcStatus.INVALID_ARGUMENT, e.getMessage());
                return new AdmittedBody(slot, null, 400);
            }
        } catch (IOException | RuntimeException e) {
            // the caller gets no AdmittedBody to close
            slot.close();
            throw e;
        }
    }

    /** The status already sent, or 0 when the body was read and the request is the caller's to answer. */
    int answered() {
        return answered;
    }

    BodyReader.Body body() {
        return body;
    }

    @Override
    public void close() {
        if (slot != null) {
            slot.close();
        }
    }
}
