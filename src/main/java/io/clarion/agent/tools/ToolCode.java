package io.clarion.agent.tools;

import io.clarion.diagnostics.Blame;
import io.clarion.diagnostics.Code;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.JsonPath;
import io.clarion.warehouse.WarehouseException;

/**
 * Why an LLM tool call failed before or after its query: arguments the tool cannot read, or a
 * warehouse that could not run a valid query (the model learns the kind, never the SQL error).
 */
public enum ToolCode implements Code {
    MALFORMED_ARGUMENTS(Blame.USER),
    WAREHOUSE_UNAVAILABLE(Blame.INTERNAL),
    WAREHOUSE_TIMEOUT(Blame.INTERNAL),
    WAREHOUSE_FAILED(Blame.INTERNAL);

    private final Blame blame;

    ToolCode(Blame blame) {
        this.blame = blame;
    }

    public static ToolCode of(WarehouseException.Kind kind) {
        return switch (kind) {
            case UNAVAILABLE -> WAREHOUSE_UNAVAILABLE;
            case TIMEOUT -> WAREHOUSE_TIMEOUT;
            case FAILED -> WAREHOUSE_FAILED;
        };
    }

    @Override
    public String key() {
        return Code.keyOf(this);
    }

    @Override
    public Blame blame() {
        return blame;
    }

    public Issue at(String path, String message) {
        return Issue.of(this, new JsonPath(path), message);
    }
}
