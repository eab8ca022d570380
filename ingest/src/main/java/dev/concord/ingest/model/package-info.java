/**
 * The canonical signal model every Concord pipeline reads: {@link dev.concord.ingest.model.Span}, {@link
 * dev.concord.ingest.model.LogRecord}, {@link dev.concord.ingest.model.MetricSample} and {@link
 * dev.concord.ingest.model.ProbeResult}, each with its {@link dev.concord.ingest.model.ResourceIdentity}; immutable
 * records that Flink serializes without Kryo.
 *
 * <p>{@code Span} carries its own Flink serializer ({@code SpanTypeInfo}, {@code SpanSerializer} and the string
 * reader {@code SpanStrings}), here beside it because the type annotation binds them: spans are what the pipelines
 * shuffle and keep in state, and the pipeline's target of 200 000 spans per CPU-second per core (measured by
 * {@code concord bench}; {@code SpanSerializerCpuTime} and {@code SpanSerializerBenchmark} measure the serializer
 * alone) is why it is hand-written. Its string sharing (encodings written again, strings compared as they are read,
 * resources shared) is kept for what it measures on the pipeline; BENCHMARKS.md has the figures.
 */
package dev.concord.ingest.model;
