package dev.concord.simulator;

import java.util.List;
import java.util.Objects;

/** Where synthetic probes run from: a named place in a cloud, outside the regions the business runs in. */
public record VantagePoint(String name, CloudSite site) {

    /** Four vantage points in two clouds, so that neither cloud's own trouble decides what the probes see. */
    public static final List<VantagePoint> DEFAULTS = List.of(
            new VantagePoint("aws-us-west-2", new CloudSite("aws", "us-west-2")),
            new VantagePoint("aws-eu-west-1", new CloudSite("aws", "eu-west-1")),
            new VantagePoint("gcp-europe-west1", new CloudSite("gcp", "europe-west1")),
            new VantagePoint("gcp-asia-east1", new CloudSite("gcp", "asia-east1")));

    public VantagePoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(site, "site");
    }
}
