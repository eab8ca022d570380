package dev.concord.engine.slo;

/**
 * Counted events of an SLO key in one minute: one transaction outcome (or probe run), or the sum of several
 * ({@link SloTallies}). Each outcome weighs its adjusted count, so that sampled telemetry still counts every
 * transaction it stands for; {@code goodWeight} is the part of {@code weight} that was good.
 *
 * @param eventTimeMillis a time in the minute the events count in
 */
public record SloEvent(SloKey key, long eventTimeMillis, double goodWeight, double weight) {

    /** One outcome: all of its weight good, or none of it. */
    public static SloEvent single(SloKey key, long eventTimeMillis, boolean good, double weight) {
        return new SloEvent(key, eventTimeMillis, good ? weight : 0, weight);
    }
}
