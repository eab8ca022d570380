package dev.concord.engine.correlate;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Adds to each transaction outcome the signatures of the error logs its traces produced by its end. The outcome waits
 * until the watermark passes its end, so every signature known by then has arrived, whatever the arrival order; later
 * ones are left out. Signatures of transactions that never get an outcome are cleared after the retention.
 */
public final class OutcomeSignatures
        extends KeyedCoProcessFunction<String, TransactionOutcome, TraceSignatures, TransactionOutcome> {

    private final long retentionMillis;

    private transient ValueState<TransactionOutcome> pending;
    private transient ListState<TraceSignatures> signatures;

    public OutcomeSignatures(long retentionMillis) {
        if (retentionMillis < 1) {
            throw new IllegalArgumentException("retention must be positive: " + retentionMillis);
        }
        this.retentionMillis = retentionMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("pending-outcome", TypeInformation.of(TransactionOutcome.class)));
        signatures = getRuntimeContext()
                .getListState(new ListStateDescriptor<>("signatures", TypeInformation.of(TraceSignatures.class)));
    }

    @Override
    public void processElement1(TransactionOutcome outcome, Context ctx, Collector<TransactionOutcome> out)
            throws Exception {
        pending.update(outcome);
        ctx.timerService().registerEventTimeTimer(outcome.endEpochMillis());
    }

    @Override
    public void processElement2(TraceSignatures signature, Context ctx, Collector<TransactionOutcome> out)
            throws Exception {
        signatures.add(signature);
        ctx.timerService().registerEventTimeTimer(signature.eventTimeMillis() + retentionMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TransactionOutcome> out) throws Exception {
        TransactionOutcome outcome = pending.value();
        if (outcome != null && timestamp >= outcome.endEpochMillis()) {
            List<String> known = new ArrayList<>();
            for (TraceSignatures signature : signatures.get()) {
                if (signature.eventTimeMillis() <= outcome.endEpochMillis() && !known.contains(signature.signature())) {
                    known.add(signature.signature());
                }
            }
            known.sort(null);
            out.collect(outcome.withErrorLogSignatures(known));
            pending.clear();
            signatures.clear();
            return;
        }
        if (outcome == null) {
            List<TraceSignatures> fresh = new ArrayList<>();
            for (TraceSignatures signature : signatures.get()) {
                if (signature.eventTimeMillis() + retentionMillis > timestamp) {
                    fresh.add(signature);
                }
            }
            signatures.update(fresh);
        }
    }
}
