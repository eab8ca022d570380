package dev.concord.rules.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"250ms, PT0.25S", "30s, PT30S", "5m, PT5M", "1h30m, PT1H30M", "30d, PT720H", "4w, PT672H"})
    void durationsParseAsRuleFilesWriteThem(String text, Duration expected) {
        assertThat(Durations.parse(text)).contains(expected);
    }

    @ParameterizedTest(name = "''{0}'' is not a duration")
    @CsvSource({"5", "5 m", "1.5h", "30D", "m5", "''"})
    void anythingElseIsNotADuration(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @ParameterizedTest(name = "''{0}'' suggests {1}")
    @CsvSource({"15 minutes, 15m", "30D, 30d", "1.5h, 90m", "1.5s, 1500ms", "2 hrs, 2h"})
    void aNearMissSuggestsTheDurationMeant(String text, String meant) {
        assertThat(Durations.problem(text)).endsWith("; did you mean " + meant + "?");
    }

    @Test
    void aHopelessDurationExplainsTheFormat() {
        assertThat(Durations.problem("soon"))
                .isEqualTo("'soon' is not a duration; write an integer and a unit, e.g. 5m (units: ms, s, m, h, d, w)");
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({"PT50H, 2d2h", "PT43M12S, 43m12s", "PT720H, 30d", "PT1.5S, 1500ms", "PT0S, 0s"})
    void formattingIsTheShortestFormThatParsesBack(Duration duration, String text) {
        assertThat(Durations.format(duration)).isEqualTo(text);
        assertThat(Durations.parse(text)).contains(duration);
    }
}
