package dev.concord.engine;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * An operator that sums its input locally and sends the sums on ahead of the watermarks that would close them
 * downstream, so that what is summed crosses the network as a few records instead of one per input. Sums leave before
 * a watermark passes on (those the subclass says are due by it), and all of them when this input turns idle (the
 * operator downstream then stops waiting for it), before each checkpoint barrier (so nothing needs checkpointing) and
 * at the end of input.
 */
public abstract class SumsAhead<IN, OUT> extends AbstractStreamOperator<OUT>
        implements OneInputStreamOperator<IN, OUT> {

    private static final long serialVersionUID = 1L;

    /** The last watermark this operator sent on. */
    private transient long watermark;

    @Override
    public void open() throws Exception {
        super.open();
        watermark = Long.MIN_VALUE;
    }

    /** The last watermark this operator sent on: no record behind it is summed downstream any more. */
    protected final long watermark() {
        return watermark;
    }

    /** Sends on the sums due by the time {@code watermark}; {@link Long#MAX_VALUE} means every sum held. */
    protected abstract void emitThrough(long watermark);

    @Override
    public final void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        emitThrough(watermark);
        super.processWatermark(mark);
    }

    @Override
    public final void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (status.isIdle()) {
            emitThrough(Long.MAX_VALUE);
        }
        super.processWatermarkStatus(status);
    }

    @Override
    public final void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        emitThrough(Long.MAX_VALUE);
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public final void finish() throws Exception {
        emitThrough(Long.MAX_VALUE);
        super.finish();
    }
}
