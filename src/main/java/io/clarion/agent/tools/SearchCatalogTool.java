package io.clarion.agent.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clarion.catalog.model.Member;

import static io.clarion.agent.tools.ToolJson.NODES;
import static io.clarion.agent.tools.ToolJson.summary;

/** {@code search_catalog}: certified members ranked for the model's words. */
final class SearchCatalogTool {
    private final CatalogSearchIndex index;

    SearchCatalogTool(CatalogSearchIndex index) {
        this.index = index;
    }

    /** Certified members ranked for {@code text}: names, synonyms, then descriptions. */
    String search(String text) {
        ArrayNode hits = NODES.arrayNode();
        for (Member m : index.search(text, CatalogTools.MAX_SEARCH_HITS)) hits.add(summary(m));
        ObjectNode out = NODES.objectNode();
        out.set("members", hits);
        if (hits.isEmpty()) {
            out.put("note", "no certified member matches; try other words, or tell the user the catalog does not cover this");
        }
        return out.toString();
    }
}
