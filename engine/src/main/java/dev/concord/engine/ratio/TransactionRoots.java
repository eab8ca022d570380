package dev.concord.engine.ratio;

import dev.concord.ingest.model.Span;
import org.apache.flink.api.common.functions.FilterFunction;

/** Keeps the root span of each business-transaction attempt: its status is the attempt's outcome. */
final class TransactionRoots implements FilterFunction<Span> {

    @Override
    public boolean filter(Span span) {
        return span.root() && span.inBusinessTransaction();
    }
}
