/**
 * Language, in one place: words and stems ({@link io.clarion.agent.language.Text}), numbers,
 * date phrases and grains, the words that shape a question (comparisons, ranking, shares), the
 * phrase lists in {@code agent/phrases.yml}, and refusals of instructions to change data or
 * step outside the rules. Nothing here knows a catalog.
 */
package io.clarion.agent.language;
