package io.clarion.catalog.model;

/**
 * A conversion metric (MetricFlow's {@code type: conversion}): of the rows of {@code baseMeasure}
 * (e.g. signups) in the period, those whose {@code entity} has a row of {@code conversionMeasure}
 * (e.g. a paid invoice) at or after the base row's time and within {@code windowCount}
 * {@code windowUnit}s of it. {@code entity} names a dimension of each cube: the base cube's and
 * the conversion cube's, the same name or written {@code base_dim = conversion_dim}.
 */
public record Conversion(String baseMeasure, String conversionMeasure, String baseEntity, String conversionEntity,
                         int windowCount, Grain windowUnit, Calculation calculation) {
    /** conversion_rate: converted base rows / base rows; conversions: the converted base rows. */
    public enum Calculation { CONVERSION_RATE, CONVERSIONS }
}
