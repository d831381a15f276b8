package io.clarion.catalog.model;

public enum Relationship {
    MANY_TO_ONE, ONE_TO_MANY, ONE_TO_ONE;

    /** The same join seen from the other side. */
    public Relationship reverse() {
        return switch (this) {
            case MANY_TO_ONE -> ONE_TO_MANY;
            case ONE_TO_MANY -> MANY_TO_ONE;
            case ONE_TO_ONE -> ONE_TO_ONE;
        };
    }

    /** True when following the join can repeat rows of the side we start from. */
    public boolean fansOut() {
        return this == ONE_TO_MANY;
    }
}
