/**
 * Stage 3: plans a resolved query: join paths, fan-out safety (each measure aggregated to the
 * query grain before joining), time grains and metric_time, period shifts, metric composition.
 */
package io.clarion.plan;
