package io.clarion.agent.chat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clarion.catalog.model.Roles;
import io.clarion.query.MetricQuery;
import io.clarion.engine.QueryService;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** "Tell me about Acme", "profile of cus_000042": who the question is about, and the customers that name finds. */
final class ProfileRequest {
    private static final Pattern ASK = Pattern.compile(
            "^\\s*(?:please\\s+)?(?:tell me about|what do we know about|give me (?:a |the )?(?:profile|360(?: view)?) (?:of|for)|"
                    + "(?:show me )?(?:the )?(?:customer )?(?:profile|360(?: view)?) (?:of|for)|who is)\\s+(?:the customer\\s+|customer\\s+|account\\s+)?"
                    + "(.+?)\\s*[?.!]*\\s*$", Pattern.CASE_INSENSITIVE);

    private ProfileRequest() {
    }

    static Optional<String> subject(String question) {
        Matcher m = ASK.matcher(question);
        if (!m.matches()) return Optional.empty();
        String who = m.group(1).strip();
        return who.length() < 2 || who.length() > 100 ? Optional.empty() : Optional.of(who);
    }

    /**
     * Up to five customers (id, name) whose id is, or whose name contains, the words given, by the
     * catalog's customer_id and customer_name roles; none when the catalog declares no customer id.
     */
    static List<List<Object>> find(QueryService queries, String who) {
        Roles roles = Roles.of(queries.catalog());
        Optional<String> id = roles.get(Roles.CUSTOMER_ID);
        if (id.isEmpty()) return List.of();
        Optional<String> name = roles.get(Roles.CUSTOMER_NAME);
        List<String> dims = name.isPresent() ? List.of(id.get(), name.get()) : List.of(id.get());
        Optional<com.fasterxml.jackson.databind.JsonNode> asId = CustomerProfile.Builder.idValue(queries.catalog(), id.get(), who);
        if (asId.isPresent()) {
            List<List<Object>> byId = run(queries, dims, new MetricQuery.Filter(id.get(), null, "equals", asId.get(), null));
            if (!byId.isEmpty() || name.isEmpty()) return withName(byId);
        }
        if (name.isEmpty()) return List.of();
        return run(queries, dims, new MetricQuery.Filter(name.get(), null, "contains", JsonNodeFactory.instance.textNode(who), null));
    }

    private static List<List<Object>> run(QueryService queries, List<String> dims, MetricQuery.Filter f) {
        MetricQuery q = new MetricQuery(List.of(), dims, List.of(f), null, null, 5, null, null, null, null, null);
        return queries.run(q, new QueryService.Options(true)).result().rows();
    }

    /** Rows of (id) alone read as (id, id): the id is the name where the catalog has none. */
    private static List<List<Object>> withName(List<List<Object>> rows) {
        return rows.stream().map(r -> r.size() >= 2 ? r : java.util.Arrays.asList(r.get(0), r.get(0))).toList();
    }
}
