package io.clarion.catalog.model;

/** How a value is shown to people; ratios stay fractions in data and render as percentages. */
public enum Format { CURRENCY, PERCENTAGE, NUMBER, INTEGER }
