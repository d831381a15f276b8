/**
 * The one composition root: {@link io.clarion.app.Clarion} assembles the engine, governance, the
 * chat and the briefings from configuration, for the server and every command alike.
 */
package io.clarion.app;
