package io.clarion.agent.offline;

import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.catalog.model.Member;

import java.util.List;

/** A mention and the members it may mean, most likely first; {@code cmp} when it is compared ("MRR above 1000"). */
record Slot(Mention mention, List<Member> order, Cmp cmp) {
}
