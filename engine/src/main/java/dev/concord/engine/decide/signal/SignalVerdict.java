package dev.concord.engine.decide.signal;

/**
 * One family's verdict on one cloud or scope.
 *
 * @param sinceMillis when the evidence behind a FAILING verdict began (its first failure in the window): the
 *     quorum's {@code for} clock starts there, since a test needs samples that are already in the past
 */
public record SignalVerdict(String family, Verdict verdict, Evidence evidence, long sinceMillis) {

    public boolean failing() {
        return verdict == Verdict.FAILING;
    }
}
