package io.clarion.catalog.model;

/** Which direction of change is good news for a measure or metric (MRR: up; churn: down). */
public enum Favorable { UP, DOWN }
