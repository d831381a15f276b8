package io.clarion.catalog.model;

/**
 * A snapshot (semi-additive) measure's rule: its rows are balances at points of {@code dimension}
 * (a time dimension of its cube), so they add up across anything but that dimension. In a period
 * it takes the rows at the last (or first) point of the period, per {@code entity} when given
 * (each entity's own last point), else the period's last point overall.
 */
public record NonAdditive(String dimension, Window window, String entity) {
    public enum Window { FIRST, LAST }
}
