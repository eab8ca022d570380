package dev.concord.outputs.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.concord.engine.correlate.TransactionOutcome;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.slo.SloSnapshot;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes records to Elasticsearch with bulk requests, at least once: each subtask flushes its batch before every
 * checkpoint, and documents have ids derived from the records, so records replayed after a restore overwrite their
 * earlier copies instead of duplicating them. A subtask has at most one bulk request in flight and blocks while it
 * retries, which backpressures the job instead of buffering without bound. Each writer installs the index templates
 * (idempotent) before its first write.
 */
public final class ElasticsearchSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final ElasticsearchConfig config;
    private final DocumentMapper<T> mapper;

    public ElasticsearchSink(ElasticsearchConfig config, DocumentMapper<T> mapper) {
        this.config = Objects.requireNonNull(config, "config");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    public static ElasticsearchSink<SloSnapshot> sloSnapshots(ElasticsearchConfig config) {
        return new ElasticsearchSink<>(config, Documents.sloSnapshots());
    }

    public static ElasticsearchSink<TransactionOutcome> transactionOutcomes(ElasticsearchConfig config) {
        return new ElasticsearchSink<>(config, Documents.transactionOutcomes());
    }

    public static ElasticsearchSink<DecisionRecord> decisionRecords(ElasticsearchConfig config) {
        return new ElasticsearchSink<>(config, Documents.decisionRecords());
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        ElasticsearchClient client = ElasticsearchClients.create(config);
        try {
            IndexTemplates.install(client, config.indexPrefix());
        } catch (IOException | RuntimeException e) {
            client._transport().close();
            throw new IOException("Elasticsearch: cannot install index templates at " + config, e);
        }
        return new ElasticsearchWriter<>(config, mapper, client, context);
    }
}
