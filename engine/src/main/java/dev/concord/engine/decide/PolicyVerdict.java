package dev.concord.engine.decide;

import dev.concord.engine.decide.signal.Verdict;

/**
 * What one signal family said about one cloud of a policy at one evaluation: the side output of the policy evaluator
 * that metrics show as the signal-agreement matrix.
 *
 * @param cloud the primary (judged at the scope the evaluation looked at) or the secondary (judged as a whole)
 */
public record PolicyVerdict(
        String policy, String domain, String cloud, String family, Verdict verdict, long eventTimeMillis) {}
