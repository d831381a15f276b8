package io.clarion.agent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
    private static final Pattern ID = Pattern.compile("cus_\\d+");

    private ProfileRequest() {
    }

    static Optional<String> subject(String question) {
        Matcher m = ASK.matcher(question);
        if (!m.matches()) return Optional.empty();
        String who = m.group(1).strip();
        return who.length() < 2 || who.length() > 100 ? Optional.empty() : Optional.of(who);
    }

    /** Up to five customers (id, name) whose id is, or whose name contains, the words given. */
    static List<List<Object>> find(QueryService queries, String who) {
        boolean byId = ID.matcher(who).matches();
        MetricQuery.Filter f = new MetricQuery.Filter(byId ? "customers.customer_id" : "customers.customer_name", null,
                byId ? "equals" : "contains", JsonNodeFactory.instance.textNode(who), null);
        MetricQuery q = new MetricQuery(List.of(), List.of("customers.customer_id", "customers.customer_name"), List.of(f),
                null, null, 5, null, null, null, null, null);
        return queries.run(q, new QueryService.Options(true)).result().rows();
    }
}
