/**
 * Linking: spans of a question to what the catalog can answer (members, dimension values,
 * entities), ranked with a score and a reason, from the catalog's own names, synonyms,
 * descriptions and values, and from similarity of meaning given by a small sentence-embedding
 * model run in-process. Depends on the catalog model only; the readers of questions depend on it.
 */
package io.clarion.agent.linking;
