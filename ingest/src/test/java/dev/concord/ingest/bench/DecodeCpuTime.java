package dev.concord.ingest.bench;

import dev.concord.ingest.decode.CanonicalBatch;
import dev.concord.ingest.otlp.MalformedOtlpException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Spans decoded per second of the decoding thread's own CPU time: per core, as the targets are stated, and far less
 * sensitive than JMH's wall-clock figures to other processes taking the machine's cores. Complements
 * {@link DecodeBenchmark}, whose state it reuses; run as
 * {@code java ... DecodeCpuTime [seconds per round] [rounds] [protobuf,json]}.
 */
public final class DecodeCpuTime {

    private DecodeCpuTime() {}

    public static void main(String[] args) throws MalformedOtlpException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        DecodeBenchmark benchmark = new DecodeBenchmark();
        benchmark.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] encodings = args.length > 2 ? args[2].split(",") : new String[] {"protobuf", "json"};
        for (String encoding : encodings) {
            for (int round = -3; round < rounds; round++) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long wallStart = System.nanoTime();
                long deadline = wallStart + (long) (seconds * 1e9);
                long spans = 0;
                int sink = 0;
                while (System.nanoTime() < deadline) {
                    CanonicalBatch batch = encoding.equals("protobuf") ? benchmark.protobuf() : benchmark.json();
                    sink += batch.size();
                    spans += DecodeBenchmark.SPANS;
                }
                long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
                long wall = System.nanoTime() - wallStart;
                System.out.printf(
                        Locale.ROOT,
                        "%-8s %s %d: %,.0f spans per CPU-second, %,.0f spans per wall-second (thread had %.0f %% of a"
                                + " core)%s%n",
                        encoding,
                        round < 0 ? "warm-up" : "round",
                        round < 0 ? round + 4 : round + 1,
                        spans / (cpu / 1e9),
                        spans / (wall / 1e9),
                        100.0 * cpu / wall,
                        sink == 0 ? "!" : "");
            }
        }
    }
}
