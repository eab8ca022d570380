package dev.concord.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concord.simulator.CloudSite;
import dev.concord.simulator.FaultShape;
import dev.concord.simulator.FaultTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioLoaderTest {

    private static final Path LIBRARY = Path.of("scenarios");
    private static final Path BAD = Path.of("src", "test", "resources", "bad-scenarios");

    /** What issue 6 asks the library to cover, by scenario name. */
    private static final List<String> REQUIRED = List.of(
            "primary-warehouse-outage",
            "provider-outage",
            "noisy-metric",
            "flapping-vantage-point",
            "erp-database-outage-lag-above-rpo",
            "erp-database-outage-lag-below-rpo",
            "bad-release",
            "tenant-outage",
            "identity-provider-outage",
            "erp-queue-lag",
            "collector-down",
            "clock-skew",
            "late-and-duplicated-telemetry",
            "healthy-day");

    @Test
    void theLibraryHoldsEveryScenarioTheIssueListsEachWithExpectations() {
        List<Scenario> scenarios = ScenarioLoader.loadAll(LIBRARY);

        assertThat(scenarios).extracting(Scenario::name).containsExactlyInAnyOrderElementsOf(REQUIRED);
        assertThat(scenarios).allSatisfy(scenario -> {
            assertThat(scenario.file().getFileName().toString()).isEqualTo(scenario.name() + ".yaml");
            assertThat(scenario.alerts()).isNotEmpty();
            assertThat(scenario.decisions()).isNotEmpty();
            assertThat(scenario.plan().duration()).isLessThanOrEqualTo(Duration.ofHours(3));
        });
    }

    @Test
    void readsFaultsTheirShapesAndTheOnsetOfEachExpectation() {
        Scenario queue = ScenarioLoader.load(LIBRARY.resolve("erp-queue-lag.yaml"));

        assertThat(queue.plan().topology().primary()).isEqualTo(CloudSite.AWS_US_EAST_1);
        assertThat(queue.plan().faults()).hasSize(2);
        assertThat(queue.plan().faults().get(0).target())
                .isEqualTo(new FaultTarget(FaultTarget.Kind.SERVICE, "message-broker", "aws", "", "", ""));
        assertThat(queue.plan().faults().get(0).shape()).isEqualTo(FaultShape.LAG_GROWTH);
        assertThat(queue.plan().faults().get(0).with().rate()).isEqualTo(Duration.ofSeconds(20));
        assertThat(queue.alerts().get(1).after()).isEqualTo("erp-postings-fail");
        assertThat(queue.alerts().get(1).onset()).isEqualTo(Duration.ofMinutes(50));
        assertThat(queue.alerts().get(1).within()).isEqualTo(Duration.ofMinutes(5));
        DecisionExpectation decision = queue.decisions().get(0);
        assertThat(decision.decides()).isTrue();
        assertThat(decision.describe()).isEqualTo("integration SHIFT_TRAFFIC aws/us-east-1 RECOMMENDED");
        assertThat(decision.onset()).isEqualTo(Duration.ofMinutes(50));
    }

    @Test
    void readsADecisionSequenceWithItsScriptedConfirmation() {
        Scenario erp = ScenarioLoader.load(LIBRARY.resolve("erp-database-outage-lag-below-rpo.yaml"));

        DecisionExpectation decision = erp.decisions().get(0);
        assertThat(decision.states()).containsExactly("PENDING_CONFIRMATION", "CONFIRMED");
        assertThat(decision.scope()).contains(new DecisionExpectation.Scope("aws", "", ""));
        assertThat(decision.within()).isEqualTo(Duration.ofMinutes(10));
        assertThat(decision.confirm()).contains(new DecisionExpectation.Confirmation(Duration.ofMinutes(3), "oncall"));
    }

    @Test
    void aDecisionThatMustNotBeMadeMatchesEveryRecordItsSelectorsLeaveOpen() {
        DecisionExpectation nothing = ScenarioLoader.load(LIBRARY.resolve("healthy-day.yaml"))
                .decisions()
                .get(0);

        assertThat(nothing.decides()).isFalse();
        assertThat(nothing.describe()).isEqualTo("anything");
        assertThat(nothing.matches("web-api", "SHIFT_TRAFFIC", "aws", null, "globex"))
                .isTrue();
        assertThat(nothing.matches("analytics", "NONE", "gcp", null, null)).isTrue();
    }

    static Stream<Path> badFiles() throws IOException {
        try (Stream<Path> files = Files.list(BAD)) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0} is refused with the file, the place and what is wrong")
    @MethodSource("badFiles")
    void aBadScenarioFileIsRefusedWithTheFileThePlaceAndWhatIsWrong(Path file) throws IOException {
        String expected = Files.readAllLines(file).get(0).substring("# expect: ".length());

        assertThatThrownBy(() -> ScenarioLoader.load(file))
                .isInstanceOf(ScenarioFileException.class)
                .hasMessage(file + ": " + expected);
    }
}
