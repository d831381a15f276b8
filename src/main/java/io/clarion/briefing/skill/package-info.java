/**
 * Skills ({@code skills/*.yml}): what a briefing or an on-demand analysis asks, read and checked
 * like the catalog, every problem an {@link io.clarion.diagnostics.Issue} at file:line:column.
 *
 * <p>{@link io.clarion.briefing.skill.SkillLoader} reads each file through the located-YAML layer;
 * {@link io.clarion.briefing.skill.SkillReader} reads the document (keys, parameters and their
 * {@code ${name}} substitution, kind, profile sections) and hands each section to its reader
 * ({@link io.clarion.briefing.skill.RiskSections}, {@link io.clarion.briefing.skill.DeliverySections},
 * {@link io.clarion.briefing.skill.WhatChangedSection}); every query is then validated and planned
 * against the catalog with certified members only, its problems placed at the YAML they come
 * from and keeping the query stage's code. Skill codes are {@link
 * io.clarion.briefing.skill.SkillCode}s.
 */
package io.clarion.briefing.skill;
