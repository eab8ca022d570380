/**
 * Transaction correlation: spans of one business transaction, keyed by transaction and id, folded into an outcome
 * when a rule decides it ({@link dev.concord.engine.correlate.OutcomeRules}) or its maximum duration passes, with
 * tombstones that keep stragglers from opening the transaction again.
 *
 * <p>The correlator keeps its own schedule ({@code Schedule}, {@code TimeQueue}) and tables ({@code KeyTable})
 * instead of Flink timers and keyed state for what it holds briefly, and the sources count presence before the
 * shuffle ({@code PresencePartials}): the pipeline's target is 200 000 spans per CPU-second per core at parallelism 1
 * and 2, measured by {@code concord bench} (BENCHMARKS.md). The invariants they rely on are stated on each class and
 * pinned by their tests; the Flink runtime behaviour behind the tombstones' restore is pinned by {@code
 * KeyRoutingITCase}.
 */
package dev.concord.engine.correlate;
