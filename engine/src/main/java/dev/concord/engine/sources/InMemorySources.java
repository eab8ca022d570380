package dev.concord.engine.sources;

import dev.concord.ingest.model.Span;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;

/** Bounded Flink sources of records held in memory: recorded telemetry, simulated telemetry, test inputs. */
public final class InMemorySources {

    private InMemorySources() {}

    /** A bounded source of the given spans, split across the source's parallel readers in order. */
    public static DataGeneratorSource<Span> of(List<Span> spans, ExecutionConfig config) {
        return of(spans, config, RateLimiterStrategy.noOp());
    }

    /**
     * A bounded source of any records, split across the source's parallel readers in order: reader k of p gets the
     * k-th of p consecutive index ranges.
     */
    public static <T> DataGeneratorSource<T> ofRecords(List<T> records, Class<T> type, ExecutionConfig config) {
        TypeInformation<T> info = TypeInformation.of(type);
        return new DataGeneratorSource<>(
                new IndexedElements<>(info, config, records), records.size(), RateLimiterStrategy.noOp(), info);
    }

    /** As {@link #of(List, ExecutionConfig)}, at most as fast as the rate limiter lets spans through. */
    public static DataGeneratorSource<Span> of(
            List<Span> spans, ExecutionConfig config, RateLimiterStrategy<NumberSequenceSplit> rateLimiter) {
        TypeInformation<Span> type = TypeInformation.of(Span.class);
        return new DataGeneratorSource<>(new IndexedElements<>(type, config, spans), spans.size(), rateLimiter, type);
    }
}
