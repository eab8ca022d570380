package dev.concord.simulator;

import java.util.Objects;

/**
 * One cloud the business runs in.
 *
 * @param provider {@code cloud.provider}, lowercase
 * @param region {@code cloud.region}
 */
public record CloudSite(String provider, String region) {

    public static final CloudSite AWS_US_EAST_1 = new CloudSite("aws", "us-east-1");
    public static final CloudSite GCP_US_CENTRAL1 = new CloudSite("gcp", "us-central1");

    public CloudSite {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(region, "region");
    }

    @Override
    public String toString() {
        return provider + " " + region;
    }
}
