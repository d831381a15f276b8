/**
 * The catalog's immutable model: cubes, joins, measures, dimensions, segments, metrics, the
 * declared access policy and the SQL templates members are written in.
 */
package io.clarion.catalog.model;
