/**
 * The facade that runs a metric query (validate, plan, render, execute: compile, explain, run)
 * for a caller's access, and the engine: catalog, warehouse, app store and audit started together.
 */
package io.clarion.engine;
