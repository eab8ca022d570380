package dev.concord.ingest.receiver.http;

import dev.concord.ingest.receiver.Admission;
import dev.concord.ingest.receiver.Authenticator;
import dev.concord.ingest.receiver.Ingestor;
import dev.concord.ingest.receiver.ReceiverMetrics;

/** What every handler of the HTTP receiver shares. */
record HttpContextSettings(
        Ingestor ingestor,
        Authenticator authenticator,
        Admission admission,
        ReceiverMetrics metrics,
        int maxBodyBytes,
        String retryAfterSeconds,
        ReadDeadlines readDeadlines) {

    static final String TRANSPORT = "http";
    /** The metrics code of a request dropped because its body did not arrive in time (nothing is answered). */
    static final int READ_TIMED_OUT = 408;
}
