/**
 * Clarion's own state, apart from the user's data: the app schema's migrations (audit log,
 * briefings, feedback, Quartz tables) and secrets generated once and kept there.
 */
package io.clarion.store;
