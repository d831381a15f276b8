package io.clarion.demo;

/** Progress of a long load, reported per table. */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void table(String name, long rowsDone, long rowsEstimate) {
        }

        @Override
        public void done(String summary) {
        }
    };

    /** A line that says what is starting. */
    default void begin(String message) {
    }

    void table(String name, long rowsDone, long rowsEstimate);

    /** The table is written: {@code rows} in all, whatever its estimate was. */
    default void tableDone(String name, long rows) {
        table(name, rows, rows);
    }

    void done(String summary);
}
