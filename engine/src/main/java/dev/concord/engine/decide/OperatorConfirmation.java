package dev.concord.engine.decide;

/**
 * An operator's confirmation of a pending decision, from the control channel.
 *
 * @param decisionId the decision confirmed; its policy is the part before the first {@code /}
 * @param atMillis when it was given: its event time in the job
 */
public record OperatorConfirmation(String decisionId, String by, String reason, long atMillis) {

    public OperatorConfirmation {
        reason = reason == null ? "" : reason;
    }

    /** The policy a decision id belongs to: the key the confirmation is routed by. */
    public String policy() {
        int slash = decisionId == null ? -1 : decisionId.indexOf('/');
        return slash < 0 ? "" : decisionId.substring(0, slash);
    }
}
