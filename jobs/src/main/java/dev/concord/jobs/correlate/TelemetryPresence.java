package dev.concord.jobs.correlate;

import dev.concord.ingest.model.Span;
import dev.concord.jobs.Conventions;
import java.time.Duration;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

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

    /**
     * One record per cloud and minute that had spans, stamped with the minute's last millisecond and emitted when
     * the watermark passes it: an operator whose watermark reaches T has every presence record up to T. Each source
     * instance counts its own spans first ({@link PresencePartials}); what is counted is the same as if every span were
     * counted here.
     */
    public static DataStream<TelemetryPresence> of(DataStream<Span> spans) {
        TypeInformation<TelemetryPresence> type = TypeInformation.of(TelemetryPresence.class);
        // a few records per watermark travel these edges: each is sent at once rather than waiting in a network
        // buffer for the timeout, which would hold back the watermark the correlator decides by
        return spans.transform(Conventions.UID_SPAN_PRESENCE_PARTIALS, type, new PresencePartials())
                .uid(Conventions.UID_SPAN_PRESENCE_PARTIALS)
                .name(Conventions.UID_SPAN_PRESENCE_PARTIALS)
                .setBufferTimeout(0)
                .keyBy(TelemetryPresence::cloudProvider, Types.STRING)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .aggregate(new SumSpans(), new PerMinute(), Types.LONG, Types.LONG, type)
                .uid(Conventions.UID_TELEMETRY_PRESENCE)
                .name(Conventions.UID_TELEMETRY_PRESENCE)
                .setBufferTimeout(0);
    }

    private static final class SumSpans implements AggregateFunction<TelemetryPresence, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(TelemetryPresence partial, Long count) {
            return count + partial.spans();
        }

        @Override
        public Long getResult(Long count) {
            return count;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    private static final class PerMinute extends ProcessWindowFunction<Long, TelemetryPresence, String, TimeWindow> {
        @Override
        public void process(String cloud, Context context, Iterable<Long> counts, Collector<TelemetryPresence> out) {
            for (long count : counts) {
                out.collect(new TelemetryPresence(cloud, context.window().getStart(), count));
            }
        }
    }
}
