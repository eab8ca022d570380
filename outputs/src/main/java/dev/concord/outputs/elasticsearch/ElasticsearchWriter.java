package dev.concord.outputs.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.outputs.Conventions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One subtask's batch: sent when full, when the flush interval passes, and before each checkpoint. */
final class ElasticsearchWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchWriter.class);

    private final ElasticsearchConfig config;
    private final DocumentMapper<T> mapper;
    private final ElasticsearchClient client;
    private final BulkSender sender;
    private final ProcessingTimeService time;
    private final ObjectMapper json = new ObjectMapper();
    private final Counter indexed;
    private final Counter retries;
    private final Counter dropped;
    private final List<BulkOperation> batch = new ArrayList<>();
    private long batchBytes;
    private long lastFlushMillis;

    ElasticsearchWriter(
            ElasticsearchConfig config,
            DocumentMapper<T> mapper,
            ElasticsearchClient client,
            WriterInitContext context) {
        this.config = config;
        this.mapper = mapper;
        this.client = client;
        this.sender = new BulkSender(
                client::bulk,
                d -> Thread.sleep(d.toMillis()),
                config.maxRetries(),
                config.initialBackoff(),
                config.maxBackoff());
        this.time = context.getProcessingTimeService();
        this.indexed = context.metricGroup().counter(Conventions.METRIC_ES_INDEXED_DOCUMENTS);
        this.retries = context.metricGroup().counter(Conventions.METRIC_ES_RETRIES);
        this.dropped = context.metricGroup().counter(Conventions.METRIC_ES_DROPPED_DOCUMENTS);
        this.lastFlushMillis = time.getCurrentProcessingTime();
        scheduleFlush();
    }

    @Override
    public void write(T element, Context context) throws IOException {
        IndexedDocument doc;
        byte[] bytes;
        try {
            doc = mapper.toDocument(element, config.indexPrefix());
            bytes = json.writeValueAsBytes(doc.source());
        } catch (JsonProcessingException | RuntimeException e) {
            dropped.inc();
            LOG.warn(
                    "Elasticsearch: cannot make a document of a {}: {}",
                    element.getClass().getSimpleName(),
                    e.toString());
            return;
        }
        batch.add(BulkOperation.of(
                op -> op.index(i -> i.index(doc.index()).id(doc.id()).document(doc.source()))));
        batchBytes += bytes.length;
        if (batch.size() >= config.maxBatchActions() || batchBytes >= config.maxBatchBytes()) {
            send();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        send();
    }

    private void scheduleFlush() {
        time.registerTimer(lastFlushMillis + config.flushInterval().toMillis(), now -> {
            if (now - lastFlushMillis >= config.flushInterval().toMillis()) {
                send();
            }
            scheduleFlush();
        });
    }

    private void send() throws IOException {
        lastFlushMillis = time.getCurrentProcessingTime();
        if (batch.isEmpty()) {
            return;
        }
        BulkSender.Outcome outcome = sender.send(List.copyOf(batch));
        retries.inc(outcome.retries());
        dropped.inc(outcome.dropped());
        indexed.inc(batch.size() - outcome.dropped());
        batch.clear();
        batchBytes = 0;
    }

    @Override
    public void close() throws Exception {
        client._transport().close();
    }
}
