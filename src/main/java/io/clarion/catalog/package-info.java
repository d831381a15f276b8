/**
 * Stage 1: reads the semantic catalog (`semantic/*.yml`, the Olytix format and DataOS Lens models)
 * into one immutable, validated model. Every problem is collected with file:line:column; the
 * access declarations are read here too and evaluated by governance.
 */
package io.clarion.catalog;
