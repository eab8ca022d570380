package dev.concord.jobs;

import dev.concord.jobs.correlate.InFlightTransaction;
import dev.concord.jobs.correlate.StageRecord;
import dev.concord.jobs.correlate.TelemetryPresence;
import dev.concord.jobs.correlate.TraceSignatures;
import dev.concord.jobs.correlate.TransactionCorrelator;
import dev.concord.jobs.correlate.TransactionOutcome;
import dev.concord.jobs.decide.DecisionRecord;
import dev.concord.jobs.decide.Episode;
import dev.concord.jobs.decide.OperatorConfirmation;
import dev.concord.jobs.decide.VersionSeen;
import dev.concord.jobs.decide.signal.Evidence;
import dev.concord.jobs.decide.signal.Observation;
import dev.concord.jobs.decide.signal.Tally;
import dev.concord.jobs.metrics.MetricUpdate;
import dev.concord.jobs.ratio.MinuteCounts;
import dev.concord.jobs.ratio.MinuteSuccessRatio;
import dev.concord.jobs.ratio.TransactionCloud;
import dev.concord.jobs.slo.SloAlert;
import dev.concord.jobs.slo.SloCounts;
import dev.concord.jobs.slo.SloEvent;
import dev.concord.jobs.slo.SloKey;
import dev.concord.jobs.slo.SloSnapshot;
import dev.concord.jobs.slo.WindowBurn;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobTypesSerializationTest {

    @ParameterizedTest(name = "{0} is serialized by Flink as a POJO without Kryo")
    @ValueSource(
            classes = {
                TransactionCloud.class,
                MinuteCounts.class,
                MinuteSuccessRatio.class,
                StageRecord.class,
                InFlightTransaction.class,
                TransactionOutcome.class,
                TelemetryPresence.class,
                TransactionCorrelator.Tombstone.class,
                TraceSignatures.class,
                SloKey.class,
                SloEvent.class,
                SloCounts.class,
                WindowBurn.class,
                SloSnapshot.class,
                SloAlert.class,
                MetricUpdate.class,
                Observation.class,
                Tally.class,
                VersionSeen.class,
                OperatorConfirmation.class,
                Episode.class,
                Evidence.class,
                DecisionRecord.class,
                DecisionRecord.DecisionScope.class,
                DecisionRecord.Weights.class,
                DecisionRecord.QuorumCount.class,
                DecisionRecord.Signal.class,
                DecisionRecord.Veto.class,
                DecisionRecord.Confirmation.class
            })
    void isSerializedAsPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }
}
