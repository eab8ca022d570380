package dev.concord.rules.model;

import java.util.Locale;

/** Enum constants are written in rule files in lower case with hyphens: {@code ACTIVE_PASSIVE} is active-passive. */
public final class WireName {

    private WireName() {}

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
