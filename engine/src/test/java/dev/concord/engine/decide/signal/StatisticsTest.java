package dev.concord.engine.decide.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void binomialIsTheChanceOfAtLeastThatManyFailures() {
        // P(X >= 2 | n = 2, p = 0.1) = 0.01
        assertThat(Statistics.binomialWorse(2, 2, 0.1)).isCloseTo(0.01, within(1e-12));
        assertThat(Statistics.binomialWorse(10, 0, 0.1)).isEqualTo(1.0);
    }

    @Test
    void oddInputsReadAsNotSignificantInsteadOfThrowing() {
        assertThat(Statistics.binomialWorse(0, 0, 0.1)).isEqualTo(1.0);
        assertThat(Statistics.binomialWorse(5, 9, 0.1)).isEqualTo(1.0);
        assertThat(Statistics.binomialWorse(5, 2, Double.NaN)).isEqualTo(1.0);
        assertThat(Statistics.poissonWorse(3, 0)).isEqualTo(1.0);
        assertThat(Statistics.mannWhitneyWorse(new double[0], new double[] {1})).isEqualTo(1.0);
    }

    @Test
    void poissonIsTheChanceOfAtLeastThatManyEvents() {
        // P(X >= 1 | mean 1) = 1 - e^-1
        assertThat(Statistics.poissonWorse(1, 1.0)).isCloseTo(1 - Math.exp(-1), within(1e-9));
    }

    @Test
    void mannWhitneyIsOneSided() {
        double[] slow = {10, 11, 12, 13, 14, 15, 16, 17};
        double[] fast = {1, 2, 3, 4, 5, 6, 7, 8};

        assertThat(Statistics.mannWhitneyWorse(slow, fast)).isLessThan(0.01);
        assertThat(Statistics.mannWhitneyWorse(fast, slow)).isEqualTo(1.0);
    }
}
