package dev.concord.ingest.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Nanoseconds of the reading thread's own CPU time per span (and per string for the bulk-copy threshold): far less
 * sensitive than JMH's wall-clock figures to other processes taking the machine's cores. Reuses the state of
 * {@link SpanSerializerBenchmark} and {@link StringReadBenchmark}; run as
 * {@code java ... SpanSerializerCpuTime [seconds per round] [rounds] [spans|strings] [network|heap]}.
 */
public final class SpanSerializerCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SpanSerializerCpuTime() {}

    /** What one pass does and how many operations it counts. */
    private interface Pass {
        int run() throws IOException;
    }

    public static void main(String[] args) throws IOException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String what = args.length > 2 ? args[2] : "spans";
        if (what.equals("spans")) {
            Blackhole sink = new Blackhole(
                    "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
            SpanSerializerBenchmark benchmark = new SpanSerializerBenchmark();
            benchmark.setUp();
            measure("span heap", seconds, rounds, () -> {
                benchmark.heap(sink);
                return SpanSerializerBenchmark.SPANS;
            });
            measure("span network", seconds, rounds, () -> {
                benchmark.network(sink);
                return SpanSerializerBenchmark.SPANS;
            });
            benchmark.tearDown();
        } else {
            String view = args.length > 3 ? args[3] : "network";
            for (int length : new int[] {8, 16, 24, 32, 40, 48, 56, 64, 96, 128}) {
                StringReadBenchmark benchmark = new StringReadBenchmark();
                benchmark.length = length;
                benchmark.view = view;
                benchmark.setUp();
                int[] sum = new int[1];
                measure("readFully " + length, seconds, rounds, () -> {
                    sum[0] += benchmark.readFully();
                    return StringReadBenchmark.STRINGS;
                });
                measure("readLongs " + length, seconds, rounds, () -> {
                    sum[0] += benchmark.readLongs();
                    return StringReadBenchmark.STRINGS;
                });
                benchmark.tearDown();
                System.out.print(sum[0] == 0 ? "!" : "");
            }
        }
    }

    private static void measure(String name, double seconds, int rounds, Pass pass) throws IOException {
        double[] figures = new double[rounds];
        StringBuilder all = new StringBuilder();
        for (int round = -2; round < rounds; round++) {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            long operations = 0;
            while (System.nanoTime() < deadline) {
                operations += pass.run();
            }
            double perOperation = (THREADS.getCurrentThreadCpuTime() - cpuStart) / (double) operations;
            if (round >= 0) {
                figures[round] = perOperation;
                all.append(String.format(Locale.ROOT, " %.1f", perOperation));
            }
        }
        Arrays.sort(figures);
        System.out.printf(
                Locale.ROOT,
                "%-14s %8.1f ns per operation of CPU (median; best %.1f; rounds:%s)%n",
                name,
                figures[rounds / 2],
                figures[0],
                all);
    }
}
