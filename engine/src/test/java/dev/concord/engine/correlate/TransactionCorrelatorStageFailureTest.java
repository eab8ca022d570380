package dev.concord.engine.correlate;

import static dev.concord.engine.correlate.TransactionFixtures.MAX_DURATION;
import static dev.concord.engine.correlate.TransactionFixtures.at;
import static dev.concord.engine.correlate.TransactionFixtures.failingOn;
import static dev.concord.engine.correlate.TransactionFixtures.millis;
import static dev.concord.engine.correlate.TransactionFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Chained stage spans, each the child of the previous stage's span, the first the root: a failed stage ends the
 * transaction at its end, or once its retry grace has passed, and a successful retry of the stage within the grace
 * cancels the failure. The timeline is the one of {@code slo-rules/SPEC.md}.
 */
class TransactionCorrelatorStageFailureTest extends CorrelatorHarnessTest {

    private static final TransactionSpec.Failure GRACE_30S = new TransactionSpec.Failure(true, Duration.ofSeconds(30));

    @Test
    void aFailedStageWithNoLaterStageFailsTheTransactionAtItsEnd() throws Exception {
        push(stage("o-1", "order-capture", 0, 1).root().spanId("s1").build());
        push(stage("o-1", "inventory-reserve", 1, 2).parent("s1").spanId("s2").build());
        push(stage("o-1", "pick", 2, 7)
                .parent("s2")
                .service("warehouse-api")
                .failed()
                .build());

        advanceTo(millis(at(7)) - 1);
        assertThat(harness.extractOutputValues()).isEmpty();
        advanceTo(millis(at(7)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(outcome.failingStage()).isEqualTo("pick");
            assertThat(outcome.failingService()).isEqualTo("warehouse-api");
            assertThat(outcome.endEpochMillis()).isEqualTo(millis(at(7)));
            assertThat(outcome.durationMillis()).isEqualTo(7_000);
        });
        assertThat(keyedStateEntries()).as("only the tombstone").isEqualTo(1);
        advanceTo(millis(at(7).plus(MAX_DURATION)));
        assertThat(keyedStateEntries()).isZero();
        assertThat(scheduled()).isZero();
    }

    @Test
    void aFailedFirstStageThatIsTheRootFailsItAtItsEnd() throws Exception {
        push(stage("o-2", "order-capture", 0, 3).root().failed().build());

        advanceTo(millis(at(3)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(outcome -> {
            assertThat(outcome.failingStage()).isEqualTo("order-capture");
            assertThat(outcome.endEpochMillis()).isEqualTo(millis(at(3)));
        });
    }

    @Test
    void aFailureIsDecidedOnceTheRetryGraceHasPassedWithoutARetry() throws Exception {
        correlate(failingOn(GRACE_30S));
        push(stage("o-3", "order-capture", 0, 1).root().build());
        push(stage("o-3", "pick", 10, 12).failed().build());

        advanceTo(millis(at(42)) - 1);
        assertThat(harness.extractOutputValues()).as("within the grace").isEmpty();
        advanceTo(millis(at(42)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(outcome.failingStage()).isEqualTo("pick");
            assertThat(outcome.endEpochMillis()).as("known when the grace ends").isEqualTo(millis(at(42)));
        });
    }

    @Test
    void aSuccessfulRetryOfTheStageWithinTheGraceCancelsTheFailure() throws Exception {
        correlate(failingOn(GRACE_30S));
        push(stage("o-4", "order-capture", 0, 1).root().build());
        push(stage("o-4", "pick", 10, 12).spanId("pick-try-1").failed().build());
        push(stage("o-4", "pick", 20, 30).spanId("pick-try-2").build());
        push(stage("o-4", "erp-posting", 40, 50).build());

        advanceTo(millis(at(50)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(outcome.endEpochMillis()).isEqualTo(millis(at(50)));
        });
    }

    @Test
    void aRetryThatEndsAfterTheGraceComesTooLate() throws Exception {
        correlate(failingOn(GRACE_30S));
        push(stage("o-5", "order-capture", 0, 1).root().build());
        push(stage("o-5", "pick", 10, 12).spanId("pick-try-1").failed().build());
        push(stage("o-5", "pick", 20, 43).spanId("pick-try-2").build());

        advanceTo(millis(at(43)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(outcome.endEpochMillis()).isEqualTo(millis(at(42)));
        });
    }

    @Test
    void aCompletionBeforeTheGraceEndsWins() throws Exception {
        correlate(failingOn(GRACE_30S));
        push(stage("o-6", "order-capture", 0, 1).root().build());
        push(stage("o-6", "ship", 10, 12).failed().build());
        push(stage("o-6", "erp-posting", 20, 25).build());

        advanceTo(millis(at(60)));

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.outcome()).isEqualTo(Outcome.COMPLETED));
    }

    @Test
    void aFailureDueAfterTheDeadlineLeavesTheTransactionToTimeOut() throws Exception {
        correlate(failingOn(new TransactionSpec.Failure(true, Duration.ofMinutes(10))));
        push(stage("o-7", "order-capture", 0, 1).root().build());
        push(stage("o-7", "pick", 600, 601).failed().build());
        heardFrom("aws", at(0), at(0).plus(MAX_DURATION));

        advanceTo(verdictOf(at(0).plus(MAX_DURATION)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(outcome.failingStage()).isEqualTo("inventory-reserve");
        });
        advanceTo(millis(at(1201).plus(MAX_DURATION)));
        assertThat(harness.extractOutputValues()).as("no second outcome").hasSize(1);
        assertThat(keyedStateEntries()).isZero();
    }
}
