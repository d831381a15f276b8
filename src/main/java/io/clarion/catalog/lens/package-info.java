/**
 * Imports DataOS Lens models (entities, dimensions, measures) into the catalog model.
 */
package io.clarion.catalog.lens;
