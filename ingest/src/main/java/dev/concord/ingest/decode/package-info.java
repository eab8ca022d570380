/**
 * OTLP decoding: requests of every signal parsed, cleaned and mapped to the canonical model ({@link
 * dev.concord.ingest.decode.OtlpDecoder}). The reference path goes through the OTLP protobuf messages. Traces, the
 * bulk of the telemetry, also take a fast path from the bytes straight to canonical spans: {@code
 * ProtobufTraceReader} for protobuf and {@code JsonTraceReader} (Jackson's streaming tokens) for JSON, both into
 * {@code TraceAssembler}. Whatever a fast reader does not map itself it declines, and the reference path gives the
 * answer, an error included, so the two paths agree on every input ({@code FastTraceDecodingTest} compares them on
 * samples, unusual forms and a thousand mutated requests).
 *
 * <p>The fast path exists for its targets: 1 000 000 protobuf and 250 000 JSON spans per CPU-second of the decoding
 * thread, measured by {@code DecodeCpuTime} and {@code DecodeBenchmark} (JMH); {@code JsonReadersCpuTime} measures
 * the JSON readers one by one on the same bytes. BENCHMARKS.md gives the current figures and the commands.
 */
package dev.concord.ingest.decode;
