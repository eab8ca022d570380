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
        String retryAfterSeconds) {

    static final String TRANSPORT = "http";
}
