package dev.concord.engine.correlate;

import dev.concord.engine.Conventions;
import dev.concord.ingest.model.Span;
import java.time.Duration;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * That a cloud's telemetry arrived for a minute of event time: how many spans it sent that were in time for the
 * minute. A minute of a cloud without a record is one in which its telemetry was lost or behind.
 */
public record TelemetryPresence(String cloudProvider, long minuteStartEpochMillis, long spans) {

    static final long MINUTE_MILLIS = Duration.ofMinutes(1).toMillis();

    /** Where the correlator keeps the minutes it heard of: {@link #key} to span count. */
    public static final MapStateDescriptor<String, Long> STATE =
            new MapStateDescriptor<>("telemetry-presence", Types.STRING, Types.LONG);

    static String key(String cloudProvider, long minuteStartEpochMillis) {
        return cloudProvider + '@' + minuteStartEpochMillis;
    }

    static long minuteOf(long epochMillis) {
        return Math.floorDiv(epochMillis, MINUTE_MILLIS) * MINUTE_MILLIS;
    }

    /** The last millisecond of the minute that starts at {@code minuteStartEpochMillis}. */
    static long lastMillisecondOf(long minuteStartEpochMillis) {
        return minuteStartEpochMillis + MINUTE_MILLIS - 1;
    }

    /**
     * Partial counts per cloud and minute, counted where the spans are read ({@link PresencePartials}), for the
     * correlator to broadcast to its instances and add up: an operator whose presence watermark reaches T has every
     * count of the minutes up to T.
     */
    public static DataStream<TelemetryPresence> of(DataStream<Span> spans) {
        // a few records a minute travel this edge, with every watermark: each is sent at once rather than waiting in
        // a network buffer for the timeout, which would hold back the watermark the correlator decides by
        return spans.transform(
                        Conventions.UID_SPAN_PRESENCE_PARTIALS,
                        TypeInformation.of(TelemetryPresence.class),
                        new PresencePartials())
                .uid(Conventions.UID_SPAN_PRESENCE_PARTIALS)
                .name(Conventions.UID_SPAN_PRESENCE_PARTIALS)
                .setBufferTimeout(0);
    }
}
