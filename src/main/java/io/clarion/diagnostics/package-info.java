/**
 * Problems as values: {@link io.clarion.diagnostics.Issue} (code, blame, where, subject,
 * message, suggestions), the did-you-mean search, and the one renderer every stage and
 * surface (CLI, API, LLM tools, golden files) uses. Depends on nothing else in Clarion.
 */
package io.clarion.diagnostics;
