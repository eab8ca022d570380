package dev.concord.engine.correlate;

import dev.concord.engine.SumsAhead;
import dev.concord.ingest.model.Span;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Counts spans per cloud and minute where they are read, and sends the counts straight to the correlator (broadcast to
 * every instance), which adds them up: a few partial counts per minute, instead of every span, cross the network.
 *
 * <p>What the correlator counts for a minute is what a per-minute window over every span would have counted: a span
 * counts when it arrives before the presence input's watermark (the least over the source instances) passes its
 * minute; the correlator drops a count whose minute that watermark has passed, as a window drops a late element. A
 * partial count leaves here before this input's watermark passes its minute's last millisecond; until then this
 * input's watermark holds the presence input's below that minute, so each partial count arrives in time whenever its
 * spans would have. A span whose minute this input's watermark has already passed goes on at once on its own: another
 * input may hold the presence watermark back, and the span is judged at the correlator. Partial counts also leave when
 * this input turns idle (the correlator then stops waiting for it), before each checkpoint barrier (so nothing needs
 * checkpointing; the correlator adds an early part and its rest alike), and at the end of input. The correlator reads
 * a minute's count only once its watermark has passed the minute, when every part of it has arrived.
 *
 * <p>One case is left to timing: an input back from idleness whose watermark is still behind the others' does not
 * hold the presence watermark back, so a span it counts may miss its minute where, sent alone a few hundred
 * milliseconds earlier, it might have made it.
 */
final class PresencePartials extends SumsAhead<Span, TelemetryPresence> {

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
            return TelemetryPresence.lastMillisecondOf(minute);
        }
    }

    /** A few at a time: the clouds times the minutes this input's watermark has not yet passed. */
    private transient List<Partial> counting;

    private transient Partial last;

    @Override
    public void open() throws Exception {
        super.open();
        counting = new ArrayList<>();
    }

    @Override
    public void processElement(StreamRecord<Span> element) throws Exception {
        String cloud = element.getValue().resource().cloudProvider();
        long time = element.getTimestamp();
        long minute = TelemetryPresence.minuteOf(time);
        if (TelemetryPresence.lastMillisecondOf(minute) <= watermark()) {
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

    /** Sends on the counts of the minutes that end by {@code time}. */
    @Override
    protected void emitThrough(long time) {
        Iterator<Partial> partials = counting.iterator();
        while (partials.hasNext()) {
            Partial partial = partials.next();
            if (partial.lastMillisecond() <= time) {
                output.collect(new StreamRecord<>(
                        new TelemetryPresence(partial.cloud, partial.minute, partial.spans),
                        partial.lastMillisecond()));
                partials.remove();
                if (partial == last) {
                    last = null;
                }
            }
        }
    }

    /** Minutes still counting: what a harness test sees drain. */
    int counting() {
        return counting.size();
    }
}
