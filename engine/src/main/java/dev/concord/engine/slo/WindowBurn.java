package dev.concord.engine.slo;

/**
 * One window of an SLO at one minute.
 *
 * @param sli the share of good events in the window; 1 when there were none
 * @param burnRate how fast the window spends the budget: error ratio / (1 − objective)
 */
public record WindowBurn(int windowMinutes, double events, double goodEvents, double sli, double burnRate) {}
