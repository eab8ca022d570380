package dev.concord.ingest.flink;

import dev.concord.ingest.Conventions;
import dev.concord.ingest.otlp.MalformedOtlpException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes raw messages (Kafka values, file lines as bytes) into canonical records: one message, many records. An
 * undecodable message goes to the {@link #DEAD_LETTERS} side output with its reason and is counted; the job keeps
 * running.
 */
public final class OtlpDecodeFunction<T> extends ProcessFunction<byte[], T> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("otlp-dead-letters") {};

    private final OtlpDecoding<T> decoding;
    private transient Counter deadLetters;

    public OtlpDecodeFunction(OtlpDecoding<T> decoding) {
        this.decoding = decoding;
    }

    @Override
    public void open(OpenContext context) {
        deadLetters = getRuntimeContext().getMetricGroup().counter(Conventions.METRIC_DEAD_LETTERS);
    }

    @Override
    public void processElement(byte[] message, Context context, Collector<T> out) {
        try {
            for (T record : decoding.decode(message)) {
                out.collect(record);
            }
        } catch (MalformedOtlpException e) {
            deadLetters.inc();
            context.output(DEAD_LETTERS, decoding.deadLetter(message, e.getMessage()));
        }
    }
}
