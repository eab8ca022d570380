package dev.concord.ingest.decode;

import java.time.Duration;
import java.util.Objects;

/**
 * What Concord accepts of a single item: attribute counts and sizes, and how far in the future a timestamp may be.
 * Items over an attribute limit are kept and trimmed; items with impossible times are rejected.
 */
public final class DecodeLimits {

    /** OpenTelemetry SDKs' own default attribute count limit. */
    public static final int DEFAULT_MAX_ATTRIBUTES = 128;
    /** Long enough for any URL or SQL statement Concord groups by; a 1 MB value is cut here. */
    public static final int DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH = 4096;
    /** Clock skew between a sender and Concord beyond which a timestamp is a bug, not skew. */
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofHours(1);

    private final int maxAttributes;
    private final int maxAttributeValueLength;
    private final Duration maxFutureSkew;

    private DecodeLimits(Builder builder) {
        this.maxAttributes = builder.maxAttributes;
        this.maxAttributeValueLength = builder.maxAttributeValueLength;
        this.maxFutureSkew = builder.maxFutureSkew;
    }

    public static DecodeLimits defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxAttributes() {
        return maxAttributes;
    }

    public int maxAttributeValueLength() {
        return maxAttributeValueLength;
    }

    public Duration maxFutureSkew() {
        return maxFutureSkew;
    }

    /** Builds {@link DecodeLimits}; every setter rejects a nonsensical value at once. */
    public static final class Builder {
        private int maxAttributes = DEFAULT_MAX_ATTRIBUTES;
        private int maxAttributeValueLength = DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH;
        private Duration maxFutureSkew = DEFAULT_MAX_FUTURE_SKEW;

        private Builder() {}

        public Builder maxAttributes(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxAttributes must be at least 1, got " + value);
            }
            this.maxAttributes = value;
            return this;
        }

        public Builder maxAttributeValueLength(int value) {
            if (value < 16) {
                throw new IllegalArgumentException("maxAttributeValueLength must be at least 16, got " + value);
            }
            this.maxAttributeValueLength = value;
            return this;
        }

        public Builder maxFutureSkew(Duration value) {
            Objects.requireNonNull(value, "maxFutureSkew");
            if (value.isNegative()) {
                throw new IllegalArgumentException("maxFutureSkew must not be negative, got " + value);
            }
            this.maxFutureSkew = value;
            return this;
        }

        public DecodeLimits build() {
            return new DecodeLimits(this);
        }
    }
}
