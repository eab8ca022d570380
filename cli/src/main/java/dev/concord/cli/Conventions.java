package dev.concord.cli;

/** Operator uids and names of the graphs only the CLI builds: the demo's live feeds and the bench's sink. */
public final class Conventions {

    public static final String UID_DEMO_SNAPSHOT_FEED = "demo-snapshot-feed";
    public static final String UID_DEMO_ALERT_FEED = "demo-alert-feed";
    public static final String UID_DEMO_DECISION_FEED = "demo-decision-feed";
    public static final String UID_BENCH_SINK = "bench-sink";

    private Conventions() {}
}
