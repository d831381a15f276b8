package io.clarion.plan;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Join;
import io.clarion.diagnostics.Issue;
import io.clarion.query.QueryCode;
import io.clarion.query.QueryException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cubes and their declared joins, both directions. Finds the join path between two cubes:
 * the shortest one; when several shortest paths exist the choice changes the numbers, so it
 * is an error listing each candidate unless the query pins one.
 */
public final class JoinGraph {
    private static final int MAX_DEPTH = 5;
    private final Map<String, List<Join>> out = new LinkedHashMap<>();

    public JoinGraph(Catalog catalog) {
        for (String c : catalog.cubes().keySet()) out.put(c, new ArrayList<>());
        for (Join j : catalog.edges()) {
            // A join declared on both sides appears twice; keep the first of each direction.
            List<Join> list = out.get(j.from());
            if (list != null && list.stream().noneMatch(e -> e.to().equals(j.to()))) list.add(j);
        }
    }

    /** Every simple path of minimal length from {@code from} to {@code to}. */
    List<List<Join>> shortestPaths(String from, String to) {
        List<List<Join>> found = new ArrayList<>();
        Deque<List<Join>> queue = new ArrayDeque<>();
        queue.add(List.of());
        int best = Integer.MAX_VALUE;
        while (!queue.isEmpty()) {
            List<Join> path = queue.poll();
            if (path.size() >= best || path.size() >= MAX_DEPTH) continue;
            String at = path.isEmpty() ? from : path.get(path.size() - 1).to();
            for (Join j : out.getOrDefault(at, List.of())) {
                if (j.to().equals(from) || path.stream().anyMatch(p -> p.to().equals(j.to()))) continue;
                List<Join> next = new ArrayList<>(path);
                next.add(j);
                if (j.to().equals(to)) {
                    best = next.size();
                    found.add(next);
                } else {
                    queue.add(next);
                }
            }
        }
        return found;
    }

    /**
     * The path from {@code from} to {@code to}, honouring pinned paths (lists of cube names that
     * start at {@code from} and pass through {@code to}).
     */
    public List<Join> path(String from, String to, List<List<String>> pinned, String errorPath) {
        for (List<String> pin : pinned) {
            int i = pin.indexOf(to);
            if (!pin.isEmpty() && pin.get(0).equals(from) && i > 0) {
                return followPinned(pin.subList(0, i + 1), errorPath);
            }
        }
        List<List<Join>> paths = shortestPaths(from, to);
        if (paths.isEmpty()) {
            throw new QueryException(QueryCode.NO_JOIN_PATH.at(errorPath,
                    "no join path from " + from + " to " + to + ": the catalog declares no joins connecting them"));
        }
        if (paths.size() > 1) {
            List<String> options = paths.stream().map(JoinGraph::describe).toList();
            throw new QueryException(QueryCode.AMBIGUOUS_JOIN_PATH.at(errorPath,
                    "more than one way to join " + from + " to " + to + ": " + String.join(" or ", options)
                            + "; pin one with \"join_paths\"", options));
        }
        return paths.get(0);
    }

    /** Every pinned path names known cubes, each joined to the next; otherwise a no_join_path error naming the path. */
    public void checkPinned(List<List<String>> pinned) {
        for (int i = 0; i < pinned.size(); i++) {
            String where = "join_paths[" + i + "]";
            for (String cube : pinned.get(i)) {
                if (!knows(cube)) throw new QueryException(QueryCode.UNKNOWN_CUBE.at(where, "the pinned join path names "
                        + io.clarion.diagnostics.Echo.cap(cube) + ", which is no cube of the catalog"));
            }
            followPinned(pinned.get(i), where);
        }
    }

    /** The joins of a pinned path; every missing link is reported, not only the first. */
    private List<Join> followPinned(List<String> cubes, String errorPath) {
        List<Join> path = new ArrayList<>();
        List<Issue> missing = new ArrayList<>();
        for (int i = 0; i + 1 < cubes.size(); i++) {
            String a = cubes.get(i);
            String b = cubes.get(i + 1);
            out.getOrDefault(a, List.of()).stream().filter(e -> e.to().equals(b)).findFirst().ifPresentOrElse(path::add,
                    () -> missing.add(QueryCode.NO_JOIN_PATH.at(errorPath, "the pinned join path has no join from " + a + " to " + b)));
        }
        QueryException.throwIfAny(missing);
        return path;
    }

    public boolean knows(String cube) {
        return out.containsKey(cube);
    }

    static String describe(List<Join> path) {
        StringBuilder sb = new StringBuilder(path.get(0).from());
        for (Join j : path) sb.append(" -> ").append(j.to());
        return sb.toString();
    }
}
