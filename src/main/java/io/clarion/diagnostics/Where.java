package io.clarion.diagnostics;

/**
 * Where an issue is: a place in a YAML file ({@link Location}, file:line:column), a JSON path
 * in a request ({@link JsonPath}), or nowhere in particular.
 */
public sealed interface Where permits Location, JsonPath, Where.Nowhere {
    Where NOWHERE = new Nowhere();

    record Nowhere() implements Where {
        @Override
        public String toString() {
            return "";
        }
    }
}
