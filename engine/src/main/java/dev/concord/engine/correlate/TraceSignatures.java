package dev.concord.engine.correlate;

/**
 * An error-log signature seen in a trace of a business transaction.
 *
 * @param transactionKey the correlator's key of the transaction the trace belongs to
 * @param eventTimeMillis when the signature became known for the transaction: the log's time, or the time of the
 *     span that tied its trace to the transaction when the log came first; it is also the record's Flink timestamp
 */
public record TraceSignatures(String transactionKey, String signature, long eventTimeMillis) {}
