package dev.concord.engine.ratio;

import dev.concord.engine.Conventions;
import dev.concord.ingest.model.Span;
import java.time.Duration;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Success ratio per business transaction and cloud, per minute of event time. Event time is a root span's end: the
 * moment the attempt's outcome is known. Sources and sinks are arguments, so the same graph runs on the simulator,
 * on recorded telemetry or on Kafka.
 */
public final class TransactionSuccessRatioJob {

    /** How far spans may arrive out of order before they count as late. */
    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(10);

    /** A source split without spans for this long stops holding the watermark back. */
    public static final Duration DEFAULT_IDLENESS = Duration.ofMinutes(1);

    private final Source<Span, ?, ?> source;
    private final Sink<MinuteSuccessRatio> sink;
    private final Sink<Span> lateSink;

    public TransactionSuccessRatioJob(Source<Span, ?, ?> source, Sink<MinuteSuccessRatio> sink, Sink<Span> lateSink) {
        this.source = source;
        this.sink = sink;
        this.lateSink = lateSink;
    }

    static WatermarkStrategy<Span> watermarks() {
        return WatermarkStrategy.<Span>forBoundedOutOfOrderness(DEFAULT_OUT_OF_ORDERNESS)
                .withTimestampAssigner((span, previous) -> span.endEpochMillis())
                .withIdleness(DEFAULT_IDLENESS);
    }

    /** Adds the job's operators to the environment. */
    public void build(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<MinuteSuccessRatio> ratios = env.fromSource(
                        source, watermarks(), Conventions.UID_SPAN_SOURCE, TypeInformation.of(Span.class))
                .uid(Conventions.UID_SPAN_SOURCE)
                .filter(new TransactionRoots())
                .uid(Conventions.UID_TRANSACTION_ROOTS)
                .name(Conventions.UID_TRANSACTION_ROOTS)
                .keyBy(TransactionCloud::of, TypeInformation.of(TransactionCloud.class))
                .process(new MinuteSuccessRatioFunction(), TypeInformation.of(MinuteSuccessRatio.class))
                .uid(Conventions.UID_MINUTE_SUCCESS_RATIO)
                .name(Conventions.UID_MINUTE_SUCCESS_RATIO);
        ratios.sinkTo(sink).uid(Conventions.UID_SUCCESS_RATIO_SINK).name(Conventions.UID_SUCCESS_RATIO_SINK);
        ratios.getSideOutput(MinuteSuccessRatioFunction.LATE)
                .sinkTo(lateSink)
                .uid(Conventions.UID_LATE_SPAN_SINK)
                .name(Conventions.UID_LATE_SPAN_SINK);
    }

    /** Builds and runs the job; returns when a bounded source is exhausted. */
    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.execute("concord-transaction-success-ratio");
    }
}
