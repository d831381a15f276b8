package io.clarion.agent.offline;

import io.clarion.agent.linking.Lexicon;
import io.clarion.agent.linking.LinkedMentions;
import io.clarion.catalog.model.Catalog;
import io.clarion.engine.QueryService;

/** What one reading of a question works with, fixed for that question even when values are re-read meanwhile. */
record ReaderContext(QueryService queries, Catalog catalog, Lexicon lexicon, LinkedMentions linked) {
}
