package dev.concord.engine;

import dev.concord.engine.correlate.InFlightTransaction;
import dev.concord.engine.correlate.StageRecord;
import dev.concord.engine.correlate.TelemetryPresence;
import dev.concord.engine.correlate.TraceSignatures;
import dev.concord.engine.correlate.TransactionCorrelator;
import dev.concord.engine.correlate.TransactionOutcome;
import dev.concord.engine.decide.AlertKey;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.Episode;
import dev.concord.engine.decide.OperatorConfirmation;
import dev.concord.engine.decide.ServiceVersion;
import dev.concord.engine.decide.VersionSeen;
import dev.concord.engine.decide.signal.Evidence;
import dev.concord.engine.decide.signal.Observation;
import dev.concord.engine.decide.signal.Tally;
import dev.concord.engine.decide.signal.TallyKey;
import dev.concord.engine.ratio.MinuteCounts;
import dev.concord.engine.ratio.MinuteSuccessRatio;
import dev.concord.engine.ratio.TransactionCloud;
import dev.concord.engine.slo.SloAlert;
import dev.concord.engine.slo.SloCounts;
import dev.concord.engine.slo.SloEvent;
import dev.concord.engine.slo.SloKey;
import dev.concord.engine.slo.SloSnapshot;
import dev.concord.engine.slo.WindowBurn;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EngineTypesSerializationTest {

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
                Observation.class,
                Tally.class,
                TallyKey.class,
                AlertKey.class,
                AlertKey.Transition.class,
                ServiceVersion.class,
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
