package io.clarion.agent.linking;

/**
 * One reading of a span: the target, its score in [0, 1], the two kinds of evidence behind it
 * (words shared with the catalog's own texts, and similarity of meaning from the embedding
 * model), and the reason in words, naming the catalog text that matched.
 */
public record Candidate(LinkTarget target, double score, double lexical, double semantic, String reason) {
}
