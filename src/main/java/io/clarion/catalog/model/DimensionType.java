package io.clarion.catalog.model;

public enum DimensionType { STRING, NUMBER, BOOLEAN, TIME }
