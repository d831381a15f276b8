package io.clarion.agent.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clarion.warehouse.QueryResult;

import java.util.List;

/**
 * The answer to one chat message. {@code results} hold every table the answer states (query,
 * SQL, columns, rows); {@code definitions} the catalog members it used. {@code clarification}
 * is set when the agent asks instead of answering.
 */
public record ChatResponse(String sessionId, String answer, List<Result> results, List<Definition> definitions,
                           List<String> assumptions, boolean refused, String planner, Clarification clarification) {

    public ChatResponse {
        results = List.copyOf(results);
        definitions = List.copyOf(definitions);
        assumptions = List.copyOf(assumptions);
    }

    /** One table of the answer; {@code formattedRows} are its rows as people read them (catalog formats). */
    public record Result(ObjectNode query, String sql, List<QueryResult.Column> columns, List<List<Object>> rows,
                         List<List<String>> formattedRows, int rowCount, boolean truncated) {
        public Result(ObjectNode query, String sql, List<QueryResult.Column> columns, List<List<Object>> rows,
                      int rowCount, boolean truncated) {
            this(query, sql, columns, rows, io.clarion.warehouse.ValueFormatter.rows(columns, rows), rowCount, truncated);
        }
    }

    public record Definition(String member, String description, String owner, boolean certified) {
    }

    public record Clarification(String question, List<String> options) {
    }
}
