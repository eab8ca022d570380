package dev.concord.simulator;

/** One business transaction as the simulated services run it, stage by stage, with the rules' stage names. */
interface Flow {

    /** The {@code business.transaction} name, as in slo-rules/rules/transactions. */
    String transaction();

    /** How many start per minute at the daily peak, across both clouds and all tenants. */
    double peakPerMinute();

    /** Runs one transaction from {@code startNanos} (true simulated time). */
    void run(Journey journey, long startNanos);
}
