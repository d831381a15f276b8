/**
 * Skills (`skills/*.yml`): reading and validating them against the catalog and templates, and
 * binding their parameters.
 */
package io.clarion.briefing.skill;
