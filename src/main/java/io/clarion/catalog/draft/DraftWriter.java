package io.clarion.catalog.draft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a draft into a catalog folder without ever overwriting a person's work. The folder's
 * {@code .clarion-init} records the SHA-256 of each file as init wrote it and the schema it read;
 * on the next run a file whose content still has that hash is init's own and is updated, while
 * an edited (or hand-written, or deleted) file is left as it is and reported, with the new draft
 * beside it as {@code <file>.draft} for the person to merge.
 */
public final class DraftWriter {
    public static final String MANIFEST = ".clarion-init";

    private DraftWriter() {
    }

    /** What a run did, file by file, and how the schema changed since the previous run. */
    public record Outcome(List<String> written, List<String> updated, List<String> unchanged, List<String> kept,
                          List<String> removed, List<String> schemaChanges) {
        public Outcome {
            written = List.copyOf(written);
            updated = List.copyOf(updated);
            unchanged = List.copyOf(unchanged);
            kept = List.copyOf(kept);
            removed = List.copyOf(removed);
            schemaChanges = List.copyOf(schemaChanges);
        }
    }

    private record Manifest(Map<String, String> files, Map<String, List<String>> tables) {
    }

    public static Outcome write(Path dir, DbSchema schema, Map<String, String> files) throws IOException {
        Files.createDirectories(dir);
        Manifest old = readManifest(dir.resolve(MANIFEST));
        Map<String, String> hashes = new LinkedHashMap<>();
        List<String> written = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            String name = f.getKey();
            Path path = dir.resolve(name);
            String recorded = old.files().get(name);
            String fresh = sha256(f.getValue());
            Path draft = dir.resolve(name + ".draft");
            if (Files.exists(path)) {
                String current = sha256(Files.readString(path, StandardCharsets.UTF_8));
                if (recorded != null && recorded.equals(current)) {
                    if (current.equals(fresh)) {
                        unchanged.add(name);
                    } else {
                        Files.writeString(path, f.getValue(), StandardCharsets.UTF_8);
                        updated.add(name);
                    }
                    Files.deleteIfExists(draft);
                    hashes.put(name, fresh);
                } else {
                    boolean differs = !current.equals(fresh);
                    if (differs) Files.writeString(draft, f.getValue(), StandardCharsets.UTF_8);
                    else Files.deleteIfExists(draft);
                    kept.add(name + (recorded == null ? " (not written by init)" : " (edited since init wrote it)")
                            + (differs ? "; the new draft is beside it in " + name + ".draft" : ""));
                    if (recorded != null) hashes.put(name, recorded);
                }
            } else if (recorded != null) {
                kept.add(name + " (deleted since init wrote it; not recreated)");
                hashes.put(name, recorded);
            } else {
                Files.writeString(path, f.getValue(), StandardCharsets.UTF_8);
                written.add(name);
                hashes.put(name, fresh);
            }
        }
        for (Map.Entry<String, String> f : old.files().entrySet()) {
            if (files.containsKey(f.getKey())) continue;
            Path path = dir.resolve(f.getKey());
            if (!Files.exists(path)) continue;
            if (sha256(Files.readString(path, StandardCharsets.UTF_8)).equals(f.getValue())) {
                Files.delete(path);
                removed.add(f.getKey());
            } else {
                kept.add(f.getKey() + " (its table is gone, but the file was edited: delete it yourself)");
            }
        }
        Map<String, List<String>> tables = shape(schema);
        List<String> changes = old.tables().isEmpty() ? List.of() : changes(old.tables(), tables);
        writeManifest(dir.resolve(MANIFEST), hashes, tables);
        return new Outcome(written, updated, unchanged, kept, removed, changes);
    }

    /** Per table, its columns as "name type". */
    private static Map<String, List<String>> shape(DbSchema schema) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (DbSchema.Table t : schema.tables()) {
            out.put(t.name(), t.columns().stream().map(c -> c.name() + "\u0001" + c.type()).toList());
        }
        return out;
    }

    static List<String> changes(Map<String, List<String>> before, Map<String, List<String>> after) {
        List<String> out = new ArrayList<>();
        for (String t : after.keySet()) if (!before.containsKey(t)) out.add("table " + t + " is new");
        for (String t : before.keySet()) if (!after.containsKey(t)) out.add("table " + t + " is gone");
        for (Map.Entry<String, List<String>> e : after.entrySet()) {
            List<String> was = before.get(e.getKey());
            if (was == null) continue;
            Map<String, String> oldCols = columns(was);
            Map<String, String> newCols = columns(e.getValue());
            for (Map.Entry<String, String> c : newCols.entrySet()) {
                String prev = oldCols.get(c.getKey());
                if (prev == null) out.add("column " + e.getKey() + "." + c.getKey() + " is new (" + c.getValue() + ")");
                else if (!prev.equals(c.getValue())) {
                    out.add("column " + e.getKey() + "." + c.getKey() + " changed type from " + prev + " to " + c.getValue());
                }
            }
            for (String c : oldCols.keySet()) if (!newCols.containsKey(c)) out.add("column " + e.getKey() + "." + c + " is gone");
        }
        return out;
    }

    private static Map<String, String> columns(List<String> entries) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : entries) {
            int i = s.indexOf('\u0001');
            m.put(s.substring(0, i), s.substring(i + 1));
        }
        return m;
    }

    private static Manifest readManifest(Path p) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, List<String>> tables = new LinkedHashMap<>();
        if (!Files.exists(p)) return new Manifest(files, tables);
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("file") && f.length == 3) files.put(f[2], f[1]);
            if (f[0].equals("table") && f.length >= 2) {
                List<String> cols = new ArrayList<>();
                for (int i = 2; i + 1 < f.length; i += 2) cols.add(f[i] + "\u0001" + f[i + 1]);
                tables.put(f[1], cols);
            }
        }
        return new Manifest(files, tables);
    }

    private static void writeManifest(Path p, Map<String, String> files, Map<String, List<String>> tables) throws IOException {
        StringBuilder b = new StringBuilder("# Written by clarion init: the SHA-256 of each file as init wrote it (a file whose\n"
                + "# content differs was edited by a person and is never overwritten), and the schema it read.\n");
        files.forEach((name, hash) -> b.append("file\t").append(hash).append('\t').append(name).append('\n'));
        tables.forEach((t, cols) -> {
            b.append("table\t").append(t);
            for (String c : cols) b.append('\t').append(c.replace('\u0001', '\t'));
            b.append('\n');
        });
        Files.writeString(p, b.toString(), StandardCharsets.UTF_8);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
