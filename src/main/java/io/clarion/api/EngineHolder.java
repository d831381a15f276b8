package io.clarion.api;

import io.clarion.engine.Engine;

/**
 * Hands the engine built by the command line (with its console progress) to the server.
 * When nothing was handed over (tests, dev mode), the server builds its own.
 */
public final class EngineHolder {
    private static volatile Engine prepared;

    private EngineHolder() {
    }

    public static void prepare(Engine engine) {
        prepared = engine;
    }

    static Engine take() {
        Engine e = prepared;
        prepared = null;
        return e;
    }
}
