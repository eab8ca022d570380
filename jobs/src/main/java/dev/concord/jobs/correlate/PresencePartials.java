package dev.concord.jobs.correlate;

import dev.concord.ingest.model.Span;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Counts spans per cloud and minute where they are read, so the presence count downstream adds a few partial counts
 * per minute instead of taking every span across the network.
 *
 * <p>What the count downstream includes stays what it was when every span went to it on its own: a span counts when
 * it reaches the count before the count's watermark passes its minute. Partial counts, each stamped with its minute's
 * last millisecond, leave before each watermark leaves here; until then this input's watermark holds the one
 * downstream (the least of its inputs') below every minute still counting here, so each partial count arrives in time
 * whenever its spans would have. A span whose minute this input's watermark has already passed goes on at once on its
 * own, as it did before: another input may hold the watermark downstream back, and the span is judged there. Partial
 * counts also leave when this input turns idle (the count downstream then stops waiting for it), before each
 * checkpoint barrier (so nothing needs checkpointing), and at the end of input.
 *
 * <p>One case is left to timing, as it was before: an input back from idleness whose watermark is still behind the
 * others' does not hold the watermark downstream back, so a span it counts may miss its minute where, sent alone a few
 * hundred milliseconds earlier, it might have made it.
 */
final class PresencePartials extends AbstractStreamOperator<TelemetryPresence>
        implements OneInputStreamOperator<Span, TelemetryPresence> {

    private static final long serialVersionUID = 1L;

    /** A minute of one cloud still counting. */
    private static final class Partial {
        private final String cloud;
        private final long minute;
        private long spans;

        private Partial(String cloud, long minute) {
            this.cloud = cloud;
            this.minute = minute;
        }

        private long lastMillisecond() {
            return minute + TelemetryPresence.MINUTE_MILLIS - 1;
        }
    }

    /** A few at a time: the clouds times the minutes seen since the last watermark. */
    private transient List<Partial> counting;

    private transient Partial last;
    private transient long watermark;

    @Override
    public void open() throws Exception {
        super.open();
        counting = new ArrayList<>();
        watermark = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<Span> element) throws Exception {
        String cloud = element.getValue().resource().cloudProvider();
        long time = element.getTimestamp();
        long minute = TelemetryPresence.minuteOf(time);
        if (minute + TelemetryPresence.MINUTE_MILLIS - 1 <= watermark) {
            output.collect(new StreamRecord<>(new TelemetryPresence(cloud, minute, 1), time));
            return;
        }
        Partial partial = last;
        if (partial == null || partial.minute != minute || !partial.cloud.equals(cloud)) {
            partial = find(cloud, minute);
            last = partial;
        }
        partial.spans++;
    }

    private Partial find(String cloud, long minute) {
        for (Partial partial : counting) {
            if (partial.minute == minute && partial.cloud.equals(cloud)) {
                return partial;
            }
        }
        Partial partial = new Partial(cloud, minute);
        counting.add(partial);
        return partial;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        emitAll();
        super.processWatermark(mark);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (status.isIdle()) {
            emitAll();
        }
        super.processWatermarkStatus(status);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        emitAll();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        emitAll();
        super.finish();
    }

    private void emitAll() {
        for (Partial partial : counting) {
            output.collect(new StreamRecord<>(
                    new TelemetryPresence(partial.cloud, partial.minute, partial.spans), partial.lastMillisecond()));
        }
        counting.clear();
        last = null;
    }

    /** Minutes still counting: what a harness test sees drain. */
    int counting() {
        return counting.size();
    }
}
