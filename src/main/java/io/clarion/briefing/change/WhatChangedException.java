package io.clarion.briefing.change;

import java.util.List;

/** The spec cannot be analysed: every problem found, each naming the member at fault. */
public class WhatChangedException extends RuntimeException {
    private final List<String> problems;

    public WhatChangedException(List<String> problems) {
        super("the what-changed analysis cannot run: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
