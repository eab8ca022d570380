package dev.concord.engine.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concord.engine.decide.DecisionRecord.DecisionScope;
import dev.concord.engine.decide.EpisodeMachine.Memory;
import dev.concord.engine.decide.EpisodeMachine.Step;
import dev.concord.engine.decide.PolicySpec.SignalsSpec;
import dev.concord.engine.decide.signal.Judgement;
import dev.concord.engine.decide.signal.SignalVerdict;
import dev.concord.engine.decide.signal.Verdict;
import dev.concord.rules.model.HaPattern;
import dev.concord.rules.model.Scope;
import dev.concord.rules.model.Signals;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The episode state machine, one evaluation at a time, without Flink: what it remembers and what it records. */
class EpisodeMachineTest {

    private static final long NOW = Instant.parse("2026-01-05T10:30:00Z").toEpochMilli();
    private static final long MINUTE = 60_000L;
    private static final DecisionSettings SETTINGS = DecisionSettings.defaults();
    private static final DecisionScope AWS = new DecisionScope("aws", null, null);

    /** Traffic shifts without confirmation: {@code for} 2 minutes, cooldown 30, stable period 15. */
    private static final PolicySpec WEB = policy("web", HaPattern.ACTIVE_ACTIVE);
    /** A standby's promotion, which an operator confirms. */
    private static final PolicySpec DB = policy("db", HaPattern.ACTIVE_PASSIVE);

    private static final List<SignalVerdict> FAILING =
            List.of(verdict(Signals.HEALTH, Verdict.FAILING), verdict(Signals.DEPENDENCY, Verdict.FAILING));
    private static final List<SignalVerdict> HEALTHY =
            List.of(verdict(Signals.HEALTH, Verdict.HEALTHY), verdict(Signals.DEPENDENCY, Verdict.HEALTHY));
    private static final List<SignalVerdict> RECOVERING =
            List.of(verdict(Signals.HEALTH, Verdict.HEALTHY), verdict(Signals.DEPENDENCY, Verdict.DEGRADED));

    private static PolicySpec policy(String name, HaPattern pattern) {
        return new PolicySpec(
                name,
                name + "-layer",
                pattern,
                new PolicySpec.Clouds("aws", "gcp"),
                List.of(Scope.CLOUD),
                new SignalsSpec(
                        SignalsSpec.TraceSlo.NONE,
                        SignalsSpec.Probe.NONE,
                        name + "-health",
                        List.of(name + "-dependency"),
                        SignalsSpec.LogSignatures.NONE,
                        List.of()),
                2,
                new PolicySpec.VetoesSpec(null, 0, true, true),
                false,
                new PolicySpec.TimingSpec(2 * MINUTE, 30 * MINUTE, 15 * MINUTE),
                Judgement.defaults());
    }

    private static SignalVerdict verdict(String family, Verdict verdict) {
        return new SignalVerdict(family, verdict, null, verdict == Verdict.FAILING ? NOW - 5 * MINUTE : Long.MAX_VALUE);
    }

    /** The primary fails at the cloud's scope; the quorum began to hold at {@code since}; the target is healthy. */
    private static Assessor.Assessment quorumSince(long since) {
        return new Assessor.Assessment(
                AWS, FAILING, List.of(Signals.HEALTH, Signals.DEPENDENCY), since, HEALTHY, null, null);
    }

    private static Assessor.Assessment noQuorum(List<SignalVerdict> target) {
        return new Assessor.Assessment(null, HEALTHY, List.of(), Long.MAX_VALUE, target, null, null);
    }

    private static Episode open(PolicySpec policy, Action action, DecisionState state, long since) {
        return Episode.opened(
                DecisionIds.of(policy.name(), AWS, NOW - 20 * MINUTE), action, state, AWS, policy.clouds(), since);
    }

    private static Memory remembering(Episode open) {
        return new Memory(Optional.of(open), OptionalLong.of(NOW - 20 * MINUTE), OptionalLong.empty());
    }

    /** One evaluation at NOW, the open decision's scope judged as {@code verdictsAtScope}. */
    private record Given(
            PolicySpec policy,
            Memory before,
            Assessor.Assessment assessment,
            List<SignalVerdict> verdictsAtScope,
            Optional<OperatorConfirmation> confirmation) {

        static Given of(PolicySpec policy, Memory before, Assessor.Assessment assessment) {
            return new Given(policy, before, assessment, assessment.verdicts(), Optional.empty());
        }

        Given judgedAtItsScope(List<SignalVerdict> verdicts) {
            return new Given(policy, before, assessment, verdicts, confirmation);
        }

        Given confirmedAt(long atMillis) {
            String id = before.open().orElseThrow().decisionId();
            return new Given(
                    policy,
                    before,
                    assessment,
                    verdictsAtScope,
                    Optional.of(new OperatorConfirmation(id, "alice", "primary lost", atMillis)));
        }

        Step evaluate() {
            return new EpisodeMachine(policy, SETTINGS)
                    .evaluate(before, NOW, assessment, scope -> verdictsAtScope, confirmation);
        }
    }

    private static Arguments when(String sentence, Given given, Consumer<Step> then) {
        return Arguments.of(sentence, given, then);
    }

    private static Consumer<Step> records(Action action, DecisionState state) {
        return step -> assertThat(step.record()).hasValueSatisfying(r -> {
            assertThat(r.action()).isEqualTo(action);
            assertThat(r.state()).isEqualTo(state);
        });
    }

    private static Consumer<Step> recordsNothing() {
        return step -> assertThat(step.record()).isEmpty();
    }

    private static Consumer<Step> keeps(DecisionState state) {
        return step -> assertThat(step.memory().open())
                .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(state));
    }

    private static Consumer<Step> closes() {
        return step -> assertThat(step.memory().open()).isEmpty();
    }

    private static Consumer<Step> cooldownUntil(long until) {
        return step -> assertThat(step.memory().cooldownUntil()).hasValue(until);
    }

    private static Consumer<Step> all(List<Consumer<Step>> expectations) {
        return step -> expectations.forEach(e -> e.accept(step));
    }

    static Stream<Arguments> evaluations() {
        Episode pending = open(DB, Action.PROMOTE_STANDBY, DecisionState.PENDING_CONFIRMATION, NOW - 5 * MINUTE);
        Episode held = open(DB, Action.PROMOTE_STANDBY, DecisionState.HELD, NOW - 5 * MINUTE);
        Episode shifted = open(WEB, Action.SHIFT_TRAFFIC, DecisionState.RECOMMENDED, NOW - 10 * MINUTE);
        return Stream.of(
                when(
                        "no decision opens while the quorum has held for less than the policy's for",
                        Given.of(WEB, Memory.EMPTY, quorumSince(NOW - MINUTE)),
                        all(List.of(
                                recordsNothing(),
                                closes(),
                                step -> assertThat(step.memory().quorumSince()).hasValue(NOW - MINUTE)))),
                when(
                        "a decision opens once the quorum has held for the policy's for, and the cooldown starts",
                        Given.of(WEB, Memory.EMPTY, quorumSince(NOW - 2 * MINUTE)),
                        all(List.of(
                                records(Action.SHIFT_TRAFFIC, DecisionState.RECOMMENDED),
                                keeps(DecisionState.RECOMMENDED),
                                cooldownUntil(NOW + 30 * MINUTE),
                                step -> assertThat(step.record().orElseThrow().decisionId())
                                        .isEqualTo(DecisionIds.of("web", AWS, NOW))))),
                when(
                        "the quorum's start is the earliest of an unbroken run, not the assessment's latest",
                        Given.of(
                                WEB,
                                new Memory(Optional.empty(), OptionalLong.of(NOW - 3 * MINUTE), OptionalLong.empty()),
                                quorumSince(NOW - MINUTE)),
                        all(List.of(
                                records(Action.SHIFT_TRAFFIC, DecisionState.RECOMMENDED),
                                step -> assertThat(step.memory().quorumSince()).hasValue(NOW - 3 * MINUTE)))),
                when(
                        "the quorum's start is forgotten as soon as the quorum no longer holds",
                        Given.of(
                                WEB,
                                new Memory(Optional.empty(), OptionalLong.of(NOW - 3 * MINUTE), OptionalLong.empty()),
                                noQuorum(HEALTHY)),
                        all(List.of(
                                recordsNothing(),
                                step -> assertThat(step.memory().quorumSince()).isEmpty()))),
                when(
                        "no decision opens while a cooldown runs",
                        Given.of(
                                WEB,
                                new Memory(Optional.empty(), OptionalLong.empty(), OptionalLong.of(NOW + MINUTE)),
                                quorumSince(NOW - 5 * MINUTE)),
                        all(List.of(recordsNothing(), closes(), cooldownUntil(NOW + MINUTE)))),
                when(
                        "a cooldown whose end has come is forgotten and a decision opens",
                        Given.of(
                                WEB,
                                new Memory(Optional.empty(), OptionalLong.empty(), OptionalLong.of(NOW)),
                                quorumSince(NOW - 5 * MINUTE)),
                        all(List.of(
                                records(Action.SHIFT_TRAFFIC, DecisionState.RECOMMENDED),
                                cooldownUntil(NOW + 30 * MINUTE)))),
                when(
                        "a standby's promotion opens pending an operator's confirmation",
                        Given.of(DB, Memory.EMPTY, quorumSince(NOW - 2 * MINUTE)),
                        all(List.of(
                                records(Action.PROMOTE_STANDBY, DecisionState.PENDING_CONFIRMATION),
                                step -> assertThat(step.memory()
                                                .open()
                                                .orElseThrow()
                                                .pendingSinceMillis())
                                        .isEqualTo(NOW),
                                cooldownUntil(NOW + 30 * MINUTE)))),
                when(
                        "a pending decision is confirmed by a confirmation given before now, which is used up",
                        Given.of(DB, remembering(pending), quorumSince(NOW - 20 * MINUTE))
                                .confirmedAt(NOW - MINUTE),
                        all(List.of(
                                records(Action.PROMOTE_STANDBY, DecisionState.CONFIRMED),
                                keeps(DecisionState.CONFIRMED),
                                step -> assertThat(step.confirmationApplied()).isTrue(),
                                step -> assertThat(step.record().orElseThrow().confirmation())
                                        .isEqualTo(new DecisionRecord.Confirmation(
                                                "alice", DecisionIds.rfc3339(NOW - MINUTE), "primary lost"))))),
                when(
                        "a confirmation given after now waits for its evaluation",
                        Given.of(DB, remembering(pending), quorumSince(NOW - 20 * MINUTE))
                                .confirmedAt(NOW + 1),
                        all(List.of(
                                recordsNothing(),
                                keeps(DecisionState.PENDING_CONFIRMATION),
                                step -> assertThat(step.confirmationApplied()).isFalse()))),
                when(
                        "a pending decision nobody confirms expires after the confirmation timeout, and closes",
                        Given.of(
                                DB,
                                remembering(open(
                                        DB,
                                        Action.PROMOTE_STANDBY,
                                        DecisionState.PENDING_CONFIRMATION,
                                        NOW - SETTINGS.confirmationTimeoutMillis())),
                                quorumSince(NOW - 20 * MINUTE)),
                        all(List.of(records(Action.PROMOTE_STANDBY, DecisionState.EXPIRED), closes()))),
                when(
                        "a decision not in effect is withdrawn, and closes, once the primary recovers",
                        Given.of(DB, remembering(pending), noQuorum(HEALTHY)).judgedAtItsScope(HEALTHY),
                        all(List.of(records(Action.PROMOTE_STANDBY, DecisionState.WITHDRAWN), closes()))),
                when(
                        "a new veto applies at once, though the quorum no longer holds",
                        Given.of(DB, remembering(pending), noQuorum(FAILING)).judgedAtItsScope(FAILING),
                        all(List.of(
                                records(Action.PROMOTE_STANDBY, DecisionState.HELD),
                                keeps(DecisionState.HELD),
                                step -> assertThat(step.record().orElseThrow().vetoes())
                                        .extracting(DecisionRecord.Veto::kind)
                                        .containsExactly(Verdicts.VETO_TARGET_DEGRADED)))),
                when(
                        "a veto does not lift while the quorum does not hold",
                        Given.of(DB, remembering(held), noQuorum(HEALTHY)).judgedAtItsScope(FAILING),
                        all(List.of(recordsNothing(), keeps(DecisionState.HELD)))),
                when(
                        "a veto lifting while the quorum holds moves the decision on and extends the cooldown",
                        Given.of(
                                DB,
                                new Memory(
                                        Optional.of(held),
                                        OptionalLong.of(NOW - 20 * MINUTE),
                                        OptionalLong.of(NOW + 10 * MINUTE)),
                                quorumSince(NOW - 20 * MINUTE)),
                        all(List.of(
                                records(Action.PROMOTE_STANDBY, DecisionState.PENDING_CONFIRMATION),
                                step -> assertThat(step.memory()
                                                .open()
                                                .orElseThrow()
                                                .pendingSinceMillis())
                                        .isEqualTo(NOW),
                                cooldownUntil(NOW + 30 * MINUTE)))),
                when(
                        "a rollback stays as it was opened while the primary fails",
                        Given.of(
                                WEB,
                                remembering(
                                        open(WEB, Action.ROLLBACK_RELEASE, DecisionState.RECOMMENDED, NOW - MINUTE)),
                                quorumSince(NOW - 20 * MINUTE)),
                        all(List.of(recordsNothing(), keeps(DecisionState.RECOMMENDED)))),
                when(
                        "a failover in effect is not withdrawn when the primary recovers: the stable period starts",
                        Given.of(WEB, remembering(shifted), noQuorum(HEALTHY)).judgedAtItsScope(HEALTHY),
                        all(List.of(
                                recordsNothing(),
                                keeps(DecisionState.RECOMMENDED),
                                step -> assertThat(step.memory().open().orElseThrow())
                                        .extracting(Episode::primaryHealthy, Episode::primaryHealthySinceMillis)
                                        .containsExactly(true, NOW)))),
                when(
                        "anything less than healthy starts the stable period again",
                        Given.of(WEB, remembering(shifted.primaryHealthyAt(NOW - 10 * MINUTE)), noQuorum(HEALTHY))
                                .judgedAtItsScope(RECOVERING),
                        all(List.of(
                                recordsNothing(),
                                step -> assertThat(step.memory()
                                                .open()
                                                .orElseThrow()
                                                .primaryHealthy())
                                        .isFalse()))),
                when(
                        "a failback is recommended once the primary has been healthy for the stable period, and closes",
                        Given.of(WEB, remembering(shifted.primaryHealthyAt(NOW - 15 * MINUTE)), noQuorum(HEALTHY))
                                .judgedAtItsScope(HEALTHY),
                        all(List.of(
                                records(Action.FAILBACK, DecisionState.RECOMMENDED),
                                closes(),
                                cooldownUntil(NOW + 30 * MINUTE),
                                step -> assertThat(step.record().orElseThrow())
                                        .extracting(DecisionRecord::from, DecisionRecord::to)
                                        .containsExactly("gcp", "aws")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("evaluations")
    void movesTheOpenDecision(String sentence, Given given, Consumer<Step> then) {
        then.accept(given.evaluate());
    }

    @Test
    void onlyAPendingDecisionHasAPendingSince() {
        Episode recommended = open(WEB, Action.SHIFT_TRAFFIC, DecisionState.RECOMMENDED, NOW);

        assertThat(recommended.isPending()).isFalse();
        assertThatThrownBy(recommended::pendingSinceMillis).isInstanceOf(IllegalStateException.class);
    }
}
