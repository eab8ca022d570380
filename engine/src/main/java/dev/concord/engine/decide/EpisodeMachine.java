package dev.concord.engine.decide;

import dev.concord.engine.decide.DecisionRecord.DecisionScope;
import dev.concord.engine.decide.DecisionRecord.QuorumCount;
import dev.concord.engine.decide.DecisionRecord.Signal;
import dev.concord.engine.decide.DecisionRecord.Veto;
import dev.concord.engine.decide.DecisionRecord.Weights;
import dev.concord.engine.decide.signal.SignalVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * How a policy's open decision moves on, one evaluation at a time: from what the evaluator remembers and what the
 * assessment says at {@code now}, to what it remembers next and the record to emit. A plain function of its inputs
 * with no Flink in it; {@link PolicyEvaluator} only moves its {@link Memory} in and out of keyed state.
 *
 * <p>The rules, in the order they are tried:
 *
 * <ul>
 *   <li><b>Quorum since.</b> While the quorum holds, the instant it began to hold is remembered: the earliest
 *       failure start any evaluation of an unbroken run gave it, so a family that joins with an earlier start moves
 *       it back; it is forgotten at the first evaluation where the quorum does not hold.
 *   <li><b>Recommend.</b> With no open decision, one opens once the quorum has held for the policy's {@code for} and
 *       no cooldown runs; a cooldown whose end has come is forgotten first. What it recommends, and in which state,
 *       is {@link Verdicts#decide}'s.
 *   <li><b>Cooldown.</b> Opening or moving a decision into RECOMMENDED or PENDING_CONFIRMATION extends the cooldown
 *       to {@code now + cooldown}; a failback sets it there.
 *   <li><b>Failback.</b> A failover in effect (RECOMMENDED or CONFIRMED) is never withdrawn: once the primary, at the
 *       decision's scope, has been healthy for the policy's stable period, a failback is recommended and the decision
 *       closes. Anything less than healthy restarts that period.
 *   <li><b>Withdraw.</b> Any other open decision is withdrawn, and closes, once the primary has recovered.
 *   <li><b>Follow.</b> A rollback or a deferred layer's notice stays as it was opened. A failover follows the
 *       assessment's outcome for the same action: a new veto at once, any other change only while the quorum holds.
 *   <li><b>Confirm, expire.</b> A pending decision is confirmed by its operator confirmation once that confirmation's
 *       time has come, and expires, closing, when none came within the confirmation timeout.
 * </ul>
 *
 * <p>Every change of an open decision's state emits exactly one record; an evaluation emits at most one.
 */
final class EpisodeMachine {

    /**
     * What a policy evaluator keeps between evaluations.
     *
     * @param open the open decision, if any
     * @param quorumSince when the quorum began to hold, while it holds
     * @param cooldownUntil until when no new decision opens, while a cooldown runs
     */
    record Memory(Optional<Episode> open, OptionalLong quorumSince, OptionalLong cooldownUntil) {

        static final Memory EMPTY = new Memory(Optional.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    /**
     * What one evaluation did.
     *
     * @param record the record of the open decision's new state, if it changed
     * @param confirmationApplied the open decision's confirmation was applied: it is used up
     */
    record Step(Memory memory, Optional<DecisionRecord> record, boolean confirmationApplied) {}

    private final PolicySpec policy;
    private final DecisionSettings settings;

    EpisodeMachine(PolicySpec policy, DecisionSettings settings) {
        this.policy = policy;
        this.settings = settings;
    }

    /**
     * One evaluation at {@code now}.
     *
     * @param verdictsAt every family's verdict on the primary at a scope: an open decision is judged at its own
     * @param confirmation the operator confirmation waiting for the open decision, if any
     */
    Step evaluate(
            Memory before,
            long now,
            Assessor.Assessment assessment,
            Function<DecisionScope, List<SignalVerdict>> verdictsAt,
            Optional<OperatorConfirmation> confirmation) {
        // a family that joins later with an earlier failure start moves the start back: the quorum's failures began
        // then, however the evaluations saw them arrive
        OptionalLong quorumSince = assessment.quorum()
                ? OptionalLong.of(Math.min(before.quorumSince().orElse(Long.MAX_VALUE), assessment.quorumSince()))
                : OptionalLong.empty();
        if (before.open().isPresent()) {
            Episode open = before.open().get();
            return new Evaluation(quorumSince, before.cooldownUntil(), now)
                    .advance(open, assessment, verdictsAt.apply(open.scope()), confirmation);
        }
        OptionalLong cooldown = before.cooldownUntil();
        if (cooldown.isPresent() && now >= cooldown.getAsLong()) {
            cooldown = OptionalLong.empty();
        }
        boolean heldLongEnough = quorumSince.isPresent()
                && now - quorumSince.getAsLong() >= policy.timing().forMillis();
        Evaluation evaluation = new Evaluation(quorumSince, cooldown, now);
        return heldLongEnough && cooldown.isEmpty() ? evaluation.open(assessment) : evaluation.none();
    }

    /** One evaluation's quorum and cooldown, and the steps it may end in. */
    private final class Evaluation {

        private final OptionalLong quorumSince;
        private final OptionalLong cooldownUntil;
        private final long now;

        Evaluation(OptionalLong quorumSince, OptionalLong cooldownUntil, long now) {
            this.quorumSince = quorumSince;
            this.cooldownUntil = cooldownUntil;
            this.now = now;
        }

        Step open(Assessor.Assessment assessment) {
            Verdicts.Outcome outcome = Verdicts.decide(policy, assessment);
            DecisionScope scope = assessment.scope();
            Episode opened = Episode.opened(
                    DecisionIds.of(policy.name(), scope, now),
                    outcome.action(),
                    outcome.state(),
                    scope,
                    policy.clouds(),
                    now);
            return moved(opened, record(opened, assessment.verdicts(), outcome.vetoes(), now));
        }

        Step advance(
                Episode open,
                Assessor.Assessment assessment,
                List<SignalVerdict> verdicts,
                Optional<OperatorConfirmation> confirmation) {
            if (open.inEffect()) {
                return failBackOnceStable(open, verdicts);
            }
            if (Verdicts.recovered(verdicts)) {
                return closed(record(open.withdrawn(now), verdicts, List.of(), now), cooldownUntil);
            }
            if (!open.failsOver()) {
                return kept(open);
            }
            Verdicts.Outcome outcome = Verdicts.decide(policy, assessment);
            // a veto may lift only while the quorum still holds; a new veto applies at once
            boolean vetoNow = outcome.state() == DecisionState.VETOED || outcome.state() == DecisionState.HELD;
            boolean sameAction = outcome.action() == open.action();
            DecisionState next = sameAction && (vetoNow || assessment.quorum()) ? outcome.state() : open.state();
            if (next != open.state()) {
                Episode moved = open.movedTo(next, now);
                return moved(moved, record(moved, verdicts, outcome.vetoes(), now));
            }
            if (!open.isPending()) {
                return kept(open);
            }
            if (confirmation.isPresent() && confirmation.get().atMillis() <= now) {
                Episode confirmed = open.confirmed(confirmation.get(), now);
                return new Step(
                        memory(Optional.of(confirmed), cooldownUntil),
                        Optional.of(record(confirmed, verdicts, outcome.vetoes(), now)),
                        true);
            }
            if (now - open.pendingSinceMillis() >= settings.confirmationTimeoutMillis()) {
                return closed(record(open.expired(now), verdicts, List.of(), now), cooldownUntil);
            }
            return kept(open);
        }

        private Step failBackOnceStable(Episode open, List<SignalVerdict> verdicts) {
            if (!Verdicts.healthy(verdicts)) {
                return kept(open.primaryNotHealthy());
            }
            Episode recovering = open.primaryHealthyAt(now);
            if (now - recovering.primaryHealthySinceMillis() < policy.timing().stableMillis()) {
                return kept(recovering);
            }
            Episode failback = Episode.failback(
                    DecisionIds.of(policy.name(), open.scope(), now),
                    open,
                    recovering.primaryHealthySinceMillis(),
                    now);
            return closed(
                    record(failback, verdicts, List.of(), now),
                    OptionalLong.of(now + policy.timing().cooldownMillis()));
        }

        /** No open decision, and none opens. */
        Step none() {
            return new Step(memory(Optional.empty(), cooldownUntil), Optional.empty(), false);
        }

        /** The open decision stays open without a record: its state is unchanged. */
        private Step kept(Episode open) {
            return new Step(memory(Optional.of(open), cooldownUntil), Optional.empty(), false);
        }

        /** The decision opened or entered a new state: recorded, and a recommendation extends the cooldown. */
        private Step moved(Episode episode, DecisionRecord record) {
            OptionalLong cooldown = cooldownUntil;
            if (episode.state() == DecisionState.RECOMMENDED || episode.state() == DecisionState.PENDING_CONFIRMATION) {
                long until = now + policy.timing().cooldownMillis();
                cooldown = OptionalLong.of(Math.max(cooldownUntil.orElse(until), until));
            }
            return new Step(memory(Optional.of(episode), cooldown), Optional.of(record), false);
        }

        /** The decision's last record: nothing is open after it. */
        private Step closed(DecisionRecord last, OptionalLong cooldown) {
            return new Step(memory(Optional.empty(), cooldown), Optional.of(last), false);
        }

        private Memory memory(Optional<Episode> open, OptionalLong cooldown) {
            return new Memory(open, quorumSince, cooldown);
        }
    }

    private DecisionRecord record(Episode episode, List<SignalVerdict> verdicts, List<Veto> vetoes, long now) {
        List<Signal> signals = new ArrayList<>();
        int agreeing = 0;
        for (SignalVerdict verdict : verdicts) {
            signals.add(new Signal(verdict.family(), verdict.verdict().name(), verdict.evidence()));
            agreeing += verdict.failing() ? 1 : 0;
        }
        Weights weights = episode.action() == Action.SHIFT_TRAFFIC || episode.action() == Action.FAILBACK
                ? new Weights(0, 100)
                : null;
        return new DecisionRecord(
                episode.decisionId(),
                policy.name(),
                policy.domain(),
                episode.action(),
                episode.state(),
                episode.scope(),
                episode.from(),
                episode.to(),
                weights,
                DecisionIds.rfc3339(now),
                new QuorumCount(policy.quorum(), agreeing, Independence.counted(verdicts)),
                signals,
                vetoes,
                episode.confirmation());
    }
}
