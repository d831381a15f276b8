/**
 * Qute templates for briefings and the feedback page, reloaded when edited.
 */
package io.clarion.briefing.template;
