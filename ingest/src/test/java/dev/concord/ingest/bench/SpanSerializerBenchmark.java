package dev.concord.ingest.bench;

import dev.concord.ingest.model.AttributeMap;
import dev.concord.ingest.model.ResourceIdentity;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.model.SpanKind;
import dev.concord.ingest.model.SpanSerializer;
import dev.concord.ingest.model.StatusCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.core.memory.MemorySegmentFactory;
import org.apache.flink.runtime.io.network.api.serialization.RecordDeserializer.DeserializationResult;
import org.apache.flink.runtime.io.network.api.serialization.SpillingAdaptiveSpanningRecordDeserializer;
import org.apache.flink.runtime.io.network.buffer.Buffer;
import org.apache.flink.runtime.io.network.buffer.BufferRecycler;
import org.apache.flink.runtime.io.network.buffer.NetworkBuffer;
import org.apache.flink.runtime.plugable.DeserializationDelegate;
import org.apache.flink.runtime.plugable.NonReusingDeserializationDelegate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Deserializing spans with {@link SpanSerializer}, one operation per span, from the two views Flink hands it: a heap
 * {@link DataInputDeserializer} (the pipeline benchmark's source) and the network path, records framed as a
 * {@code RecordWriter} frames them in one off-heap network buffer read by Flink's own record deserializer. The spans
 * have the simulator's shape: a resource of six strings, 32-hex trace ids, 16-hex span ids, ten attributes of which
 * a few values change from span to span.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SpanSerializerBenchmark {

    static final int SPANS = 100;
    private static final long START = 1_767_604_200_000_000_000L;
    /** The buffer goes back to no pool: the benchmark wraps the same segment again for every batch. */
    private static final BufferRecycler KEEP = segment -> {};

    private final SpanSerializer serializer = new SpanSerializer();
    private final DataInputDeserializer heap = new DataInputDeserializer();
    private byte[] heapBytes;
    private MemorySegment offHeap;
    private int framedSize;
    private SpillingAdaptiveSpanningRecordDeserializer<DeserializationDelegate<Span>> network;
    private DeserializationDelegate<Span> delegate;

    @Setup
    public void setUp() throws IOException {
        List<Span> spans = realisticSpans(new Random(42));
        DataOutputSerializer plain = new DataOutputSerializer(64 * 1024);
        DataOutputSerializer framed = new DataOutputSerializer(64 * 1024);
        DataOutputSerializer one = new DataOutputSerializer(1024);
        for (Span span : spans) {
            serializer.serialize(span, plain);
            one.clear();
            serializer.serialize(span, one);
            framed.writeInt(one.length());
            framed.write(one.getSharedBuffer(), 0, one.length());
        }
        heapBytes = plain.getCopyOfBuffer();
        framedSize = framed.length();
        offHeap = MemorySegmentFactory.allocateUnpooledOffHeapMemory(framedSize);
        offHeap.put(0, framed.getSharedBuffer(), 0, framedSize);
        network = new SpillingAdaptiveSpanningRecordDeserializer<>(new String[] {System.getProperty("java.io.tmpdir")});
        delegate = new NonReusingDeserializationDelegate<>(serializer);
    }

    @TearDown
    public void tearDown() {
        network.clear();
        offHeap.free();
    }

    @Benchmark
    @OperationsPerInvocation(SPANS)
    public void heap(Blackhole sink) throws IOException {
        heap.setBuffer(heapBytes);
        for (int i = 0; i < SPANS; i++) {
            sink.consume(serializer.deserialize(heap));
        }
    }

    @Benchmark
    @OperationsPerInvocation(SPANS)
    public void network(Blackhole sink) throws IOException {
        network.setNextBuffer(new NetworkBuffer(offHeap, KEEP, Buffer.DataType.DATA_BUFFER, framedSize));
        DeserializationResult result;
        do {
            result = network.getNextRecord(delegate);
            sink.consume(delegate.getInstance());
        } while (!result.isBufferConsumed());
    }

    /** The spans a run of the benchmark reads, for the test that keeps it honest. */
    List<Span> readBack() throws IOException {
        List<Span> read = new ArrayList<>();
        heap.setBuffer(heapBytes);
        for (int i = 0; i < SPANS; i++) {
            read.add(serializer.deserialize(heap));
        }
        network.setNextBuffer(new NetworkBuffer(offHeap, KEEP, Buffer.DataType.DATA_BUFFER, framedSize));
        DeserializationResult result;
        do {
            result = network.getNextRecord(delegate);
            read.add(delegate.getInstance());
        } while (!result.isBufferConsumed());
        return read;
    }

    static List<Span> realisticSpans(Random random) {
        HexFormat hex = HexFormat.of();
        ResourceIdentity[] resources = {
            new ResourceIdentity("checkout-api", "2.3.1", "aws", "us-east-1", "production", "acme"),
            new ResourceIdentity("payment-service", "1.12.0", "gcp", "us-central1", "production", "acme"),
            new ResourceIdentity("warehouse-api", "1.4.2", "aws", "us-east-1", "production", "globex"),
        };
        String[] stages = {"cart-checkout", "payment-authorization", "warehouse-reservation"};
        List<Span> spans = new ArrayList<>(SPANS);
        for (int i = 0; i < SPANS; i++) {
            byte[] traceId = new byte[16];
            byte[] spanId = new byte[8];
            byte[] parentId = new byte[8];
            random.nextBytes(traceId);
            random.nextBytes(spanId);
            random.nextBytes(parentId);
            boolean post = i % 3 == 0;
            String[] keys = {
                "http.request.method",
                "url.path",
                "url.scheme",
                "http.route",
                "http.response.status_code",
                "server.address",
                "user_agent.original",
                "network.protocol.version",
                "synthetic.probe.name",
                "order.id",
            };
            String[] values = {
                post ? "POST" : "GET",
                "/stock/SKU-" + (100_000 + random.nextInt(900_000)),
                "https",
                "/stock/{sku}",
                i % 10 == 0 ? "503" : "200",
                "warehouse-api.fulfillment.svc",
                "Apache-HttpClient/5.3 (Java/17.0.15)",
                "1.1",
                "",
                "order-" + random.nextInt(1_000_000),
            };
            long start = START + i * 1_000_000L;
            spans.add(new Span(
                    resources[i % resources.length],
                    hex.formatHex(traceId),
                    hex.formatHex(spanId),
                    i % 5 == 0 ? "" : hex.formatHex(parentId),
                    post ? "POST /reservations" : "GET /stock/{sku}",
                    SpanKind.SERVER,
                    start,
                    start + 12_345_678L,
                    i % 10 == 0 ? StatusCode.ERROR : StatusCode.UNSET,
                    i % 10 == 0 ? "warehouse unavailable" : "",
                    "order-to-fulfillment",
                    "order-" + random.nextInt(1_000_000),
                    stages[i % stages.length],
                    AttributeMap.of(keys, values, keys.length),
                    1.0));
        }
        return spans;
    }
}
