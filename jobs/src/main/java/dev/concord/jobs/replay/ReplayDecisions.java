package dev.concord.jobs.replay;

import dev.concord.engine.decide.ControlChannel;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.DecisionSettings;
import dev.concord.engine.decide.DecisionWiring;
import dev.concord.engine.decide.PolicySpec;
import dev.concord.engine.slo.SloAlert;
import dev.concord.engine.sources.InMemorySources;
import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.Span;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The decision engine over a recording, fed by the replay's own SLO alerts and the recorded telemetry. */
final class ReplayDecisions {

    private ReplayDecisions() {}

    static SingleOutputStreamOperator<DecisionRecord> wire(
            StreamExecutionEnvironment env,
            RecordedTelemetry telemetry,
            List<Span> spans,
            List<LogRecord> logs,
            DataStream<SloAlert> alerts,
            Path confirmations,
            List<PolicySpec> policies) {
        return DecisionWiring.wire(
                env,
                alerts,
                new DecisionWiring.Telemetry(
                        bounded(env, telemetry.probes(), ProbeResult.class),
                        bounded(env, telemetry.metrics(), MetricSample.class),
                        bounded(env, logs, LogRecord.class),
                        bounded(env, spans, Span.class)),
                confirmations == null ? null : ControlChannel.source(confirmations, null),
                DecisionWiring.Polling.NONE,
                policies,
                DecisionSettings.defaults());
    }

    private static <T> Source<T, ?, ?> bounded(StreamExecutionEnvironment env, List<T> records, Class<T> type) {
        return records.isEmpty() ? null : InMemorySources.ofRecords(records, type, env.getConfig());
    }
}
