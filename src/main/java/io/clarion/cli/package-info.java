/**
 * The command line (picocli): serve, validate, query, ask, eval, generate, briefing.
 */
package io.clarion.cli;
