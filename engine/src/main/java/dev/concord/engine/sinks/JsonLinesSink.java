package dev.concord.engine.sinks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes each record as one JSON object per line into {@code part-<subtask>.jsonl} in a local directory. Meant for
 * the embedded engine and replays, where the directory is on the machine that runs every subtask. Delivery is
 * at-least-once: a restarted writer appends, so after a failure and restore the lines written since the last
 * checkpoint may appear twice, and none is lost. Callers clear the directory before a fresh run.
 */
public final class JsonLinesSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final String directory;

    public JsonLinesSink(Path directory) {
        this.directory =
                Objects.requireNonNull(directory, "directory").toAbsolutePath().toString();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        Path dir = Path.of(directory);
        Files.createDirectories(dir);
        Path file = dir.resolve("part-" + context.getTaskInfo().getIndexOfThisSubtask() + ".jsonl");
        return new Writer<>(Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final ObjectWriter json = new ObjectMapper().writer();
        private final BufferedWriter out;

        Writer(BufferedWriter out) {
            this.out = out;
        }

        @Override
        public void write(T element, Context context) throws IOException {
            out.write(json.writeValueAsString(element));
            out.newLine();
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
