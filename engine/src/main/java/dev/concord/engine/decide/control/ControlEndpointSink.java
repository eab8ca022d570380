package dev.concord.engine.decide.control;

import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.sinks.PortBinding;
import dev.concord.ingest.receiver.Authenticator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Hosts the {@link ControlEndpoint} while the decision job runs, on whichever TaskManager runs this sink. It reads
 * the job's decision records to know which decisions are pending, and writes accepted confirmations into the control
 * directory that the job's control source watches (on a cluster, a directory every TaskManager sees). It must run as
 * one subtask, so that it sees every record; a second subtask refuses to start.
 *
 * <p>What it knows of pending decisions lives in memory: after a restart it answers 404 for a decision pending
 * before, until that decision's next record; {@code concord confirm} still reaches it through the directory.
 */
public final class ControlEndpointSink implements Sink<DecisionRecord> {

    private static final long serialVersionUID = 1L;

    /** How long a start waits for a port a previous attempt of the job may still hold. */
    public static final Duration DEFAULT_BIND_TIMEOUT = Duration.ofSeconds(30);

    private final String host;
    private final int port;
    private final String tokensFile;
    private final String controlDirectory;
    private final Clock clock;

    /**
     * @param tokensFile bearer tokens, one {@code NAME sha256:HEX} per line as for {@code concord ingest}
     * @param clock stamps each confirmation with its time: the job's event time of the confirmation
     */
    public ControlEndpointSink(String host, int port, Path tokensFile, Path controlDirectory, Clock clock) {
        this.host = Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the control port must be 1 to 65535, got " + port);
        }
        this.port = port;
        this.tokensFile = tokensFile.toAbsolutePath().toString();
        this.controlDirectory = controlDirectory.toAbsolutePath().toString();
        this.clock = Objects.requireNonNull(clock, "clock");
        // fail at job submission, not on a TaskManager, for a missing or invalid file
        Authenticator.fromTokensFile(tokensFile, Clock.systemUTC(), Authenticator.DEFAULT_RELOAD_INTERVAL);
    }

    @Override
    public SinkWriter<DecisionRecord> createWriter(WriterInitContext context) throws IOException {
        int subtasks = context.getTaskInfo().getNumberOfParallelSubtasks();
        if (subtasks != 1) {
            throw new IllegalStateException("the control endpoint must run at parallelism 1, not " + subtasks
                    + ": each subtask would see only some of the decisions");
        }
        Authenticator authenticator = Authenticator.fromTokensFile(
                Path.of(tokensFile), Clock.systemUTC(), Authenticator.DEFAULT_RELOAD_INTERVAL);
        PendingDecisions decisions = new PendingDecisions();
        return new Writer(decisions, bind(authenticator, decisions));
    }

    private ControlEndpoint bind(Authenticator authenticator, PendingDecisions decisions) throws IOException {
        return PortBinding.retrying(
                "control endpoint",
                port,
                DEFAULT_BIND_TIMEOUT,
                () -> ControlEndpoint.start(
                        new InetSocketAddress(host, port), authenticator, Path.of(controlDirectory), clock, decisions));
    }

    private static final class Writer implements SinkWriter<DecisionRecord> {
        private final PendingDecisions decisions;
        private final ControlEndpoint endpoint;

        Writer(PendingDecisions decisions, ControlEndpoint endpoint) {
            this.decisions = decisions;
            this.endpoint = endpoint;
        }

        @Override
        public void write(DecisionRecord element, Context context) {
            decisions.apply(element);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {
            endpoint.close();
        }
    }
}
