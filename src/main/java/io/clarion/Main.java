package io.clarion;

import io.clarion.cli.ClarionCommand;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * One jar for the server and the command line: no arguments, or "serve", starts the server;
 * anything else is a command (generate, validate, query, ...).
 */
@QuarkusMain
public class Main {
    public static void main(String... args) {
        String[] a = args.length == 0 ? new String[]{"serve"} : args;
        int code = ClarionCommand.execute(a);
        if (!a[0].equals("serve") || code != 0) System.exit(code);
    }
}
