package dev.concord.engine.decide;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How operator confirmations reach a running decision job: a control directory. {@code concord confirm} writes one
 * small JSON file per confirmation (written aside, then renamed into place, so the job never reads half a file); the
 * job reads the directory as a continuously monitored file source. Who may confirm is who may write the directory:
 * it is created readable and writable by its owner only. It works the same for the embedded engine and for a
 * cluster whose task managers see the directory; a Kafka topic can replace it without touching the evaluator.
 */
public final class ControlChannel {

    /** Default control directory, under the working directory like {@code concord-out}. */
    public static final String DEFAULT_DIRECTORY = "concord-control";

    /** How often a running job looks for new confirmations. */
    public static final Duration DEFAULT_MONITOR_INTERVAL = Duration.ofSeconds(2);

    static final String SUFFIX = ".json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ControlChannel() {}

    /** Writes one confirmation; returns the file written. */
    public static Path write(Path directory, OperatorConfirmation confirmation) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            try {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException notPosix) {
                // a filesystem without POSIX permissions keeps its own access control
            }
        }
        String name = "confirm-" + confirmation.decisionId().replaceAll("[^A-Za-z0-9.-]", "_") + "-"
                + confirmation.atMillis();
        // a leading dot hides the file from the job's file source until it is complete
        Path aside = Files.createTempFile(directory, "." + name, ".tmp");
        Files.writeString(aside, JSON.writeValueAsString(confirmation) + "\n", StandardCharsets.UTF_8);
        Path target = directory.resolve(name + SUFFIX);
        try {
            Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(aside, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /**
     * The confirmations in a control directory: watched every {@code monitorEvery} for new files, or, when it is
     * null, read once (a replay).
     */
    public static FileSource<OperatorConfirmation> source(Path directory, Duration monitorEvery) {
        FileSource.FileSourceBuilder<OperatorConfirmation> builder = FileSource.forRecordStreamFormat(
                new ConfirmationFormat(), new org.apache.flink.core.fs.Path(directory.toUri()));
        if (monitorEvery != null) {
            builder.monitorContinuously(monitorEvery);
        }
        return builder.build();
    }

    /**
     * Event time for the control stream: each confirmation carries its own time and waits in the evaluator's state
     * for the evaluation at or after it, so the stream never holds the evaluator's watermark back. It is declared
     * idle from the start; otherwise a quiet control directory would stop every evaluation until the idleness
     * timeout, and each confirmation would hold the evaluator back again for as long.
     */
    public static WatermarkStrategy<OperatorConfirmation> watermarks() {
        return WatermarkStrategy.<OperatorConfirmation>forGenerator(context -> new AlwaysIdle())
                .withTimestampAssigner((confirmation, previous) -> confirmation.atMillis());
    }

    private static final class AlwaysIdle implements WatermarkGenerator<OperatorConfirmation> {
        @Override
        public void onEvent(OperatorConfirmation event, long eventTimestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.markIdle();
        }
    }

    /** One confirmation per line; a line that is not one is logged and skipped, never fails the job. */
    static final class ConfirmationFormat extends SimpleStreamFormat<OperatorConfirmation> {

        private static final long serialVersionUID = 1L;
        private static final Logger LOG = LoggerFactory.getLogger(ConfirmationFormat.class);

        @Override
        public Reader<OperatorConfirmation> createReader(Configuration config, FSDataInputStream stream) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            return new Reader<>() {
                @Override
                public OperatorConfirmation read() throws IOException {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        OperatorConfirmation parsed = parse(line);
                        if (parsed != null) {
                            return parsed;
                        }
                    }
                    return null;
                }

                @Override
                public void close() throws IOException {
                    lines.close();
                }
            };
        }

        static OperatorConfirmation parse(String line) {
            if (line.isBlank()) {
                return null;
            }
            try {
                OperatorConfirmation c = JSON.readValue(line, OperatorConfirmation.class);
                if (c.decisionId() == null || c.policy().isEmpty() || c.by() == null || c.by().isBlank()) {
                    LOG.warn("skipping a confirmation without a decision id or a name: {}", line);
                    return null;
                }
                return c;
            } catch (IOException e) {
                LOG.warn("skipping a control line that is not a confirmation: {}", e.getMessage());
                return null;
            }
        }

        @Override
        public TypeInformation<OperatorConfirmation> getProducedType() {
            return TypeInformation.of(OperatorConfirmation.class);
        }
    }
}
