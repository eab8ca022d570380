package dev.concord.engine.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.decide.signal.SignalVerdict;
import dev.concord.engine.decide.signal.Verdict;
import dev.concord.rules.model.Signals;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndependenceTest {

    private static SignalVerdict v(String family, Verdict verdict) {
        return new SignalVerdict(family, verdict, null, 0);
    }

    @Test
    void familiesReadingTheSameSpansCountOnce() {
        assertThat(Independence.counted(List.of(
                        v(Signals.TRACE_SLO, Verdict.FAILING),
                        v(Signals.DEPENDENCY, Verdict.FAILING),
                        v(Signals.HEALTH, Verdict.FAILING))))
                .containsExactly(Signals.TRACE_SLO, Signals.HEALTH);
    }

    @Test
    void noDataDegradedAndHealthyNeverCount() {
        assertThat(Independence.counted(List.of(
                        v(Signals.PROBES, Verdict.NO_DATA),
                        v(Signals.HEALTH, Verdict.DEGRADED),
                        v(Signals.GUARDS, Verdict.HEALTHY))))
                .isEmpty();
    }

    @Test
    void everyFamilyHasADeclaredDataSource() {
        assertThat(Independence.SOURCES).containsOnlyKeys(Signals.FAMILIES);
    }
}
