/**
 * The command line (picocli): serve, init, validate, query, ask, eval, generate, briefing.
 */
package io.clarion.cli;
