package io.clarion.warehouse;

import java.nio.file.Path;

/** A Clarion stand-in for tests: starts the embedded PostgreSQL on a folder in its own JVM and waits to be killed. */
public final class EmbeddedServerChild {
    private EmbeddedServerChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]));
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
