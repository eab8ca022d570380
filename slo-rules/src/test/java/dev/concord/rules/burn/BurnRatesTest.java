package dev.concord.rules.burn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.rules.Conventions;
import dev.concord.rules.load.RuleLoader;
import dev.concord.rules.model.WindowPair;
import dev.concord.rules.model.WindowTable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BurnRatesTest {

    private static WindowTable table(String name) {
        return RuleLoader.builtInWindowTables().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    static Stream<Arguments> publishedFactors() {
        return Stream.of(
                Arguments.of(Conventions.WINDOWS_GOOGLE_30D, Duration.ofDays(30), List.of("14.4", "6", "3", "1")),
                Arguments.of(
                        Conventions.WINDOWS_GOOGLE_28D, Duration.ofDays(28), List.of("13.44", "5.6", "2.8", "0.933")));
    }

    @ParameterizedTest(name = "the {0} table gives the published factors {2}")
    @MethodSource("publishedFactors")
    void theBuiltInTablesGiveThePublishedFactors(String name, Duration period, List<String> published) {
        WindowTable table = table(name);
        assertThat(table.period()).isEqualTo(period);
        List<String> factors = table.windows().stream()
                .map(pair -> BurnRates.publishedFactor(BurnRates.factor(pair, period))
                        .toPlainString())
                .toList();
        assertThat(factors).isEqualTo(published);
    }

    @Test
    void theThirtyDayFactorsAreExactNotMerelyRounded() {
        assertThat(BurnRates.factor(new BigDecimal("0.02"), Duration.ofDays(30), Duration.ofHours(1)))
                .isEqualByComparingTo("14.4");
        assertThat(BurnRates.factor(new BigDecimal("0.05"), Duration.ofDays(30), Duration.ofHours(6)))
                .isEqualByComparingTo("6");
    }

    @Test
    void theSlowTwentyEightDayFactorIsAThirdOfTwoPointEight() {
        BigDecimal factor = BurnRates.factor(new BigDecimal("0.1"), Duration.ofDays(28), Duration.ofDays(3));
        assertThat(factor).isBetween(new BigDecimal("0.93333"), new BigDecimal("0.93334"));
        assertThat(BurnRates.publishedFactor(factor)).isEqualByComparingTo("0.933");
    }

    @ParameterizedTest(name = "a factor of {0} at an objective of {1}% fires at an error ratio of {2}")
    @MethodSource("thresholds")
    void theErrorRatioThresholdIsTheFactorTimesTheAllowedErrorRatio(String factor, String objective, String ratio) {
        assertThat(BurnRates.errorRatioThreshold(new BigDecimal(factor), new BigDecimal(objective)))
                .isEqualByComparingTo(ratio);
    }

    static Stream<Arguments> thresholds() {
        return Stream.of(
                Arguments.of("14.4", "99.9", "0.0144"),
                Arguments.of("6", "99.9", "0.006"),
                Arguments.of("3", "99.5", "0.015"),
                Arguments.of("1", "99", "0.01"),
                Arguments.of("13.44", "99.9", "0.01344"));
    }

    @Test
    void aBurnRateOfOneSpendsTheBudgetOverExactlyThePeriod() {
        assertThat(BurnRates.timeToExhaust(BigDecimal.ONE, Duration.ofDays(30))).isEqualTo(Duration.ofDays(30));
        assertThat(BurnRates.timeToExhaust(new BigDecimal("14.4"), Duration.ofDays(30)))
                .isEqualTo(Duration.ofHours(50));
    }

    @Test
    void aPairGivenByBurnRateSpendsTheShareItsLongWindowBurns() {
        WindowPair pair =
                new WindowPair(null, Duration.ofHours(2), Duration.ofMinutes(10), null, BigDecimal.valueOf(36));
        BigDecimal factor = BurnRates.factor(pair, Duration.ofDays(30));
        assertThat(factor).isEqualByComparingTo("36");
        assertThat(BurnRates.budgetSpent(factor, Duration.ofDays(30), pair.longWindow()))
                .isEqualByComparingTo("0.1");
    }
}
