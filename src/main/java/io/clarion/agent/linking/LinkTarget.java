package io.clarion.agent.linking;

import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Member;

/** What a span of a question can name: a catalog member, a value of a dimension, or an entity (a cube's rows). */
public sealed interface LinkTarget {
    /** How it is named in a reason or an assumption: the member's full name, {@code dim = value}, the cube. */
    String label();

    record MemberLink(Member member) implements LinkTarget {
        @Override
        public String label() {
            return member.fullName();
        }
    }

    record ValueLink(Dimension dimension, String value) implements LinkTarget {
        @Override
        public String label() {
            return dimension.fullName() + " = " + value;
        }
    }

    record EntityLink(Cube cube) implements LinkTarget {
        @Override
        public String label() {
            return cube.name();
        }
    }
}
