package dev.concord.localservices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job {@code FlinkClusterSmokeIT} submits to the standalone cluster: sums 1..last through a keyed shuffle and
 * writes the total to a file. Usage: {@code SequenceSumJob <last> <output file>}.
 */
public final class SequenceSumJob {

    private SequenceSumJob() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: SequenceSumJob <last> <output file>");
        }
        long last = Long.parseLong(args[0]);
        String output = args[1];

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // In BATCH mode a keyed reduce emits once per key at the end of its input instead of a running total per
        // record, so the file gets exactly one line.
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.fromSequence(1, last)
                .name("sequence")
                // odd and even numbers are summed apart: the records cross the network between the two subtasks
                .keyBy(value -> value % 2)
                .reduce(Long::sum)
                .name("partial-sums")
                .keyBy(partial -> 0)
                .reduce(Long::sum)
                .name("total")
                .sinkTo(new TotalFileSink(output))
                .name("total-file")
                .setParallelism(1);
        env.execute("concord-smoke-sequence-sum");
    }

    /**
     * Writes every value it receives, one a line, to one file when its input ends: a correct run gives one line. Only
     * meaningful at parallelism 1.
     */
    private static final class TotalFileSink implements Sink<Long> {

        private static final long serialVersionUID = 1L;

        private final String output;

        TotalFileSink(String output) {
            this.output = output;
        }

        @Override
        public SinkWriter<Long> createWriter(WriterInitContext context) {
            return new Writer(Path.of(output));
        }
    }

    private static final class Writer implements SinkWriter<Long> {

        private final Path output;
        private final List<Long> received = new ArrayList<>();

        Writer(Path output) {
            this.output = output;
        }

        @Override
        public void write(Long value, Context context) {
            received.add(value);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (!endOfInput) {
                return;
            }
            StringBuilder lines = new StringBuilder();
            for (Long value : received) {
                lines.append(value).append('\n');
            }
            // renamed into place so a reader never sees half a file
            Path partial = output.resolveSibling(output.getFileName() + ".partial");
            Files.writeString(partial, lines, StandardCharsets.UTF_8);
            Files.move(partial, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void close() {}
    }
}
