package io.clarion.briefing.change;

/** Which way a number moved. */
public enum Direction {
    UP, DOWN, FLAT;

    static Direction of(double change) {
        return change > 0 ? UP : change < 0 ? DOWN : FLAT;
    }
}
