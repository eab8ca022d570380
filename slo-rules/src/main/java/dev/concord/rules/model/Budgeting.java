package dev.concord.rules.model;

import java.math.BigDecimal;
import java.time.Duration;

/** How good events add up to the SLI. */
public sealed interface Budgeting {

    /** Good events over all events in the window. */
    record Occurrences() implements Budgeting {}

    /** The share of slices whose own good ratio reached {@code target} (a fraction in (0, 1]). */
    record Timeslices(Duration slice, BigDecimal target) implements Budgeting {}

    /** The mean of each slice's good ratio, as OpenSLO's RatioTimeslices. */
    record RatioTimeslices(Duration slice) implements Budgeting {}
}
