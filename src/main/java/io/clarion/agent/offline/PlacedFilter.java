package io.clarion.agent.offline;

import io.clarion.query.MetricQuery;

/**
 * A filter read from words of the question, with the first and last of those words: where it
 * stands tells, for example, the condition a share asks about ("what share of X are Y") from the
 * scope the share is taken in ("… in Z").
 */
record PlacedFilter(MetricQuery.Filter filter, int first, int last) {
}
