package dev.concord.outputs.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one batch as bulk requests until every document is stored or rejected. Whole-request failures (connection
 * errors, 429, 5xx) and item failures with 429 or 5xx are retried with exponential backoff; other item failures are
 * the document's fault (a mapping conflict): they are counted, logged and dropped. When retries run out the batch
 * fails with an {@link IOException}, so Flink restarts from the last checkpoint and replays: the documents' ids make
 * that replay overwrite instead of duplicate.
 */
final class BulkSender {

    private static final Logger LOG = LoggerFactory.getLogger(BulkSender.class);

    @FunctionalInterface
    interface BulkClient {
        BulkResponse bulk(BulkRequest request) throws IOException;
    }

    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** What a batch cost: requests retried and documents dropped as unindexable. */
    record Outcome(int retries, int dropped) {}

    private final BulkClient client;
    private final Sleeper sleeper;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    BulkSender(BulkClient client, Sleeper sleeper, int maxRetries, Duration initialBackoff, Duration maxBackoff) {
        this.client = client;
        this.sleeper = sleeper;
        this.maxRetries = maxRetries;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    Outcome send(List<BulkOperation> operations) throws IOException {
        List<BulkOperation> pending = operations;
        int retries = 0;
        int dropped = 0;
        while (!pending.isEmpty()) {
            BulkResponse response;
            BulkRequest request = new BulkRequest.Builder().operations(pending).build();
            try {
                response = client.bulk(request);
            } catch (ElasticsearchException e) {
                if (!retryable(e.status())) {
                    throw new IOException("Elasticsearch refused a bulk request: " + e.getMessage(), e);
                }
                retries = backOff(retries, "bulk request answered " + e.status(), e);
                continue;
            } catch (IOException e) {
                retries = backOff(retries, "bulk request failed: " + e.getMessage(), e);
                continue;
            }
            if (!response.errors()) {
                break;
            }
            List<BulkOperation> again = new ArrayList<>();
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < items.size() && i < pending.size(); i++) {
                BulkResponseItem item = items.get(i);
                if (item.error() == null) {
                    continue;
                }
                if (retryable(item.status())) {
                    again.add(pending.get(i));
                } else {
                    dropped++;
                    LOG.warn(
                            "Elasticsearch rejected document {} in {}: {} {}",
                            item.id(),
                            item.index(),
                            item.error().type(),
                            item.error().reason());
                }
            }
            if (!again.isEmpty()) {
                retries = backOff(retries, again.size() + " documents answered 429/5xx", null);
            }
            pending = again;
        }
        return new Outcome(retries, dropped);
    }

    private int backOff(int retriesSoFar, String why, Exception cause) throws IOException {
        if (retriesSoFar >= maxRetries) {
            throw new IOException("Elasticsearch: giving up after " + retriesSoFar + " retries: " + why, cause);
        }
        Duration delay = backoff(retriesSoFar);
        LOG.info("Elasticsearch: {}; retry {} in {} ms", why, retriesSoFar + 1, delay.toMillis());
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while backing off", e);
        }
        return retriesSoFar + 1;
    }

    /** initial × 2^retry, capped: with the defaults 0.1 s, 0.2 s, … 12.8 s, then 30 s. */
    Duration backoff(int retry) {
        long millis = initialBackoff.toMillis() << Math.min(retry, 30);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }
}
