package dev.concord.ingest.flink;

import dev.concord.ingest.Conventions;
import dev.concord.ingest.otlp.MalformedOtlpException;
import java.io.IOException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deserialization schema for the Collector's Kafka topics ({@code KafkaRecordDeserializationSchema.valueOnly(...)})
 * or its files: one message, many records. A source has no side output, so an undecodable message is counted and
 * logged here and skipped; where the dead letters themselves are wanted, read raw bytes and use
 * {@link OtlpDecodeFunction}.
 */
public final class OtlpDeserializationSchema<T> implements DeserializationSchema<T> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(OtlpDeserializationSchema.class);

    private final OtlpDecoding<T> decoding;
    private transient Counter deadLetters;

    public OtlpDeserializationSchema(OtlpDecoding<T> decoding) {
        this.decoding = decoding;
    }

    @Override
    public void open(InitializationContext context) {
        deadLetters = context.getMetricGroup().counter(Conventions.METRIC_DEAD_LETTERS);
    }

    @Override
    public T deserialize(byte[] message) throws IOException {
        throw new UnsupportedOperationException("one OTLP message holds many records: use deserialize(message, out)");
    }

    @Override
    public void deserialize(byte[] message, Collector<T> out) {
        if (message == null) {
            return;
        }
        try {
            for (T record : decoding.decode(message)) {
                out.collect(record);
            }
        } catch (MalformedOtlpException e) {
            counter().inc();
            LOG.debug(
                    "Skipping an undecodable {} message of {} bytes: {}",
                    decoding.signal().label(),
                    message.length,
                    e.getMessage());
        }
    }

    /** Messages skipped as undecodable so far. */
    public long deadLetterCount() {
        return counter().getCount();
    }

    private Counter counter() {
        if (deadLetters == null) {
            deadLetters = new SimpleCounter();
        }
        return deadLetters;
    }

    @Override
    public boolean isEndOfStream(T nextElement) {
        return false;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(decoding.type());
    }
}
