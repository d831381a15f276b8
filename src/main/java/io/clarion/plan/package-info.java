/**
 * From a resolved query to a logical plan: {@link io.clarion.plan.Planner} expands metrics into
 * the measures they read, groups those into leaves (one aggregation per cube, time shift and
 * period), and finds each leaf's joins through {@link io.clarion.plan.JoinGraph}. Problems found
 * while planning (a measure without a time dimension, an ambiguous or missing join path, a
 * window over a non-additive measure) are collected across measures, leaves and paths and
 * thrown once, each as an {@link io.clarion.diagnostics.Issue} with a
 * {@link io.clarion.query.QueryCode}. The plan names no SQL; the sql package renders it.
 */
package io.clarion.plan;
