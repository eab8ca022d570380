package dev.concord.engine.ratio;

import dev.concord.ingest.model.Span;

/** The key success ratios are computed per: a business transaction in one cloud region. */
public record TransactionCloud(String transaction, String cloudProvider, String cloudRegion) {

    static TransactionCloud of(Span span) {
        return new TransactionCloud(
                span.businessTransaction(),
                span.resource().cloudProvider(),
                span.resource().cloudRegion());
    }
}
