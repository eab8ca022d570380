package dev.concord.rules.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> FIELDS = List.of("transaction", "indicator", "objective", "window", "alerting");

    @Test
    void aTypoSuggestsTheNearestName() {
        assertThat(Suggestions.nearest("objectiv", FIELDS)).contains("objective");
        assertThat(Suggestions.nearest("Window", FIELDS)).contains("window");
        assertThat(Suggestions.nearest("transactoin", FIELDS)).contains("transaction");
    }

    @Test
    void aNameFarFromEveryCandidateSuggestsNothingAndListsThemAll() {
        assertThat(Suggestions.nearest("colour", FIELDS)).isEmpty();
        assertThat(Suggestions.hint("colour", FIELDS))
                .isEqualTo("; expected one of: transaction, indicator, objective, window, alerting");
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }
}
