/**
 * Stage 2: the metric query (JSON, the seed's shape), parsing and validation against the catalog:
 * names, operators, value types, dates, grains, limits, certification. Access is asked through
 * {@link io.clarion.query.AccessRules}, which governance implements.
 */
package io.clarion.query;
