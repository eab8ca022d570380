package dev.concord.engine.slo;

import java.io.Serializable;

/**
 * One multiwindow burn-rate alert of an SLO: it fires while the burn rate over both windows reaches the factor.
 *
 * @param severity {@code page} or {@code ticket}
 */
public record BurnWindow(String severity, int longWindowMinutes, int shortWindowMinutes, double factor)
        implements Serializable {

    public BurnWindow {
        if (shortWindowMinutes < 1 || longWindowMinutes <= shortWindowMinutes) {
            throw new IllegalArgumentException("windows must be whole minutes with the short one shorter than the long"
                    + " one: " + longWindowMinutes + "m/" + shortWindowMinutes + "m");
        }
        if (!(factor > 0)) {
            throw new IllegalArgumentException("burn-rate factor must be positive: " + factor);
        }
    }

    boolean pages() {
        return severity.equals(SloSpec.SEVERITY_PAGE);
    }
}
