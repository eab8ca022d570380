package dev.concord.engine.correlate;

import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.Span;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Joins error logs to business transactions by trace id: per trace, it learns which transaction the trace's spans
 * belong to and passes on each error log's signature under that transaction's key, whichever of span and log came
 * first. A trace's state is cleared once {@code retentionMillis} of event time has passed since it was last touched.
 */
public final class TraceErrorLogs extends KeyedCoProcessFunction<String, Span, LogRecord, TraceSignatures> {

    private final long retentionMillis;

    private transient ValueState<String> transactionKey;
    private transient ListState<TraceSignatures> waiting;
    private transient ValueState<Long> expiry;

    /** @param retentionMillis how long a trace waits for its other half: at least the longest transaction */
    public TraceErrorLogs(long retentionMillis) {
        if (retentionMillis < 1) {
            throw new IllegalArgumentException("retention must be positive: " + retentionMillis);
        }
        this.retentionMillis = retentionMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        transactionKey = getRuntimeContext().getState(new ValueStateDescriptor<>("transaction-key", Types.STRING));
        waiting = getRuntimeContext()
                .getListState(
                        new ListStateDescriptor<>("waiting-signatures", TypeInformation.of(TraceSignatures.class)));
        expiry = getRuntimeContext().getState(new ValueStateDescriptor<>("expiry", Types.LONG));
    }

    @Override
    public void processElement1(Span span, Context ctx, Collector<TraceSignatures> out) throws Exception {
        if (transactionKey.value() == null) {
            String key = TransactionCorrelator.key(span);
            transactionKey.update(key);
            for (TraceSignatures early : waiting.get()) {
                out.collect(new TraceSignatures(key, early.signature(), ctx.timestamp()));
            }
            waiting.clear();
        }
        extend(ctx, ctx.timestamp());
    }

    @Override
    public void processElement2(LogRecord log, Context ctx, Collector<TraceSignatures> out) throws Exception {
        String signature = ErrorSignature.of(log.body());
        String key = transactionKey.value();
        if (key != null) {
            out.collect(new TraceSignatures(key, signature, ctx.timestamp()));
        } else {
            waiting.add(new TraceSignatures("", signature, ctx.timestamp()));
        }
        extend(ctx, ctx.timestamp());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TraceSignatures> out) throws Exception {
        Long until = expiry.value();
        if (until != null && timestamp >= until) {
            transactionKey.clear();
            waiting.clear();
            expiry.clear();
        }
    }

    private void extend(Context ctx, long eventTime) throws Exception {
        Long current = expiry.value();
        long until = eventTime + retentionMillis;
        if (current == null || until > current) {
            if (current != null) {
                ctx.timerService().deleteEventTimeTimer(current);
            }
            expiry.update(until);
            ctx.timerService().registerEventTimeTimer(until);
        }
    }
}
