package io.clarion.catalog.draft;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a {@link DbSchema} into catalog files a person reviews: one cube per table (file
 * {@code <cube>.yml}), {@code access.yml} with safe defaults, and a README saying what to
 * review. Everything is drafted {@code certified: false}; the guesses (amount columns, personal
 * data, joins inferred from names, the owner's row filter) are the reviewer's checklist.
 *
 * <p>Why this class is over 400 lines: most of it is the text of the drafted files (YAML
 * comments, the README, the access policy) written in the order a reviewer reads them; the
 * guessing rules that decide what goes in are small and sit beside the text they produce.
 */
public final class CatalogDrafter {
    static final List<String> GRAINS = List.of("day", "week", "month", "quarter", "year");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ID_OR_CODE = Pattern.compile(
            "(^id$|_id$|[^a]id$|_code$|^code$|_no$|_num$|_number$|zip|postal|phone|year$|_key$|^key$|version)");
    private static final Pattern AMOUNT = Pattern.compile(
            "(amount|total|price|cost|revenue|charge|fee|sales|quantity|qty|balance|spend|mrr|arr|value|bytes|"
                    + "milliseconds|duration|tenure|units|discount|tax|salary|income|profit|margin|budget|paid|score)");
    private static final Pattern PEOPLE_TABLE = Pattern.compile(
            "^(employees?|staff|users?|persons?|people|reps?|agents?|owners?|managers?|members?|account_managers?|sales_?reps?|csms?)$");
    private static final Pattern OWNER_COLUMN = Pattern.compile(
            "(rep|owner|manager|employee|agent|assignee|assigned|csm|salesperson|account_manager)");

    private CatalogDrafter() {
    }

    /** Personal data a column name gives away, and how to mask it. */
    enum Pii {
        EMAIL("hash", "(^|_)e?_?mail"), PHONE("hash", "(phone|fax|mobile|^cell|telephone)"),
        NAME("hash", "(first_?name|last_?name|full_?name|surname|given_?name|contact_?name|middle_?name)"),
        ADDRESS("redact", "(address|street|postal_?code|post_?code|zip)"), BIRTH("redact", "(birth|^dob$)"),
        ID_DOCUMENT("redact", "(ssn|passport|national_id|tax_id|social_security)");

        final String masking;
        final Pattern pattern;

        Pii(String masking, String regex) {
            this.masking = masking;
            this.pattern = Pattern.compile(regex);
        }

        static Optional<Pii> of(String column) {
            String n = column.toLowerCase(Locale.ROOT);
            for (Pii p : values()) if (p.pattern.matcher(n).find()) return Optional.of(p);
            return Optional.empty();
        }
    }

    /** A join the draft proposes, from a declared foreign key or from a {@code <table>_id} column name. */
    record DraftJoin(String from, List<String> columns, String to, List<String> toColumns, boolean oneToOne, boolean inferred) {
    }

    /** The files of the draft, in writing order: file name to content. */
    public static Map<String, String> draft(DbSchema schema) {
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, List<DraftJoin>> joins = joins(schema);
        RoleProposals roles = RoleProposals.of(schema, joins);
        for (DbSchema.Table t : schema.tables()) {
            files.put(cubeName(t.name()) + ".yml", cubeFile(schema, t, joins.getOrDefault(t.name(), List.of()), roles));
        }
        files.put("access.yml", accessFile(schema, joins));
        files.put("README.md", readme(schema, joins, roles));
        return files;
    }

    /** The cube name of a table: lower case, letters, digits and underscores. */
    public static String cubeName(String table) {
        String s = table.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return Character.isDigit(s.isEmpty() ? '0' : s.charAt(0)) ? "t_" + s : s;
    }

    static String memberName(String column) {
        return cubeName(column);
    }

    // ---- joins

    static Map<String, List<DraftJoin>> joins(DbSchema schema) {
        Map<String, List<DraftJoin>> out = new LinkedHashMap<>();
        for (DbSchema.Table t : schema.tables()) {
            List<DraftJoin> list = new ArrayList<>();
            for (DbSchema.ForeignKey fk : t.foreignKeys()) {
                if (schema.table(fk.refTable()).isEmpty()) continue;
                list.add(new DraftJoin(t.name(), fk.columns(), fk.refTable(), fk.refColumns(),
                        fk.columns().equals(t.primaryKey()), false));
            }
            for (DbSchema.Column c : t.columns()) {
                String n = c.name().toLowerCase(Locale.ROOT);
                if (!n.endsWith("_id") || list.stream().anyMatch(j -> j.columns().contains(c.name()))) continue;
                if (t.primaryKey().equals(List.of(c.name()))) continue;
                String base = n.substring(0, n.length() - 3);
                for (String candidate : List.of(base, base + "s", base + "es")) {
                    Optional<DbSchema.Table> target = schema.tables().stream()
                            .filter(x -> x.name().equalsIgnoreCase(candidate) && !x.name().equals(t.name())).findFirst();
                    if (target.isEmpty() || target.get().primaryKey().size() != 1) continue;
                    String key = target.get().primaryKey().get(0);
                    Optional<DbSchema.Column> keyCol = target.get().column(key);
                    if (keyCol.isEmpty() || numeric(keyCol.get().type()) != numeric(c.type())) continue;
                    if (!key.equalsIgnoreCase(c.name()) && !key.equalsIgnoreCase("id")) continue;
                    list.add(new DraftJoin(t.name(), List.of(c.name()), target.get().name(), List.of(key), false, true));
                    break;
                }
            }
            out.put(t.name(), list);
        }
        return out;
    }

    /** Tables of people: by name, or by holding both a person's name and contact columns. */
    static boolean peopleTable(DbSchema.Table t) {
        if (PEOPLE_TABLE.matcher(t.name().toLowerCase(Locale.ROOT)).matches()) return true;
        boolean name = t.columns().stream().anyMatch(c -> Pii.of(c.name()).orElse(null) == Pii.NAME);
        boolean contact = t.columns().stream().anyMatch(c -> Pii.of(c.name()).filter(p -> p == Pii.EMAIL || p == Pii.PHONE).isPresent());
        return name && contact && t.columns().stream().anyMatch(c -> c.name().toLowerCase(Locale.ROOT).matches(".*(title|hire|role|position|department).*"));
    }

    /** A column pointing at a table of people as its owner (customer.support_rep_id to employee). */
    record OwnerLink(DraftJoin join, DbSchema.Table people) {
    }

    static List<OwnerLink> ownerLinks(DbSchema schema, Map<String, List<DraftJoin>> joins) {
        List<OwnerLink> out = new ArrayList<>();
        for (List<DraftJoin> list : joins.values()) {
            for (DraftJoin j : list) {
                if (j.from().equals(j.to()) || j.columns().size() != 1) continue;
                DbSchema.Table target = schema.table(j.to()).orElseThrow();
                if (peopleTable(target) && OWNER_COLUMN.matcher(j.columns().get(0).toLowerCase(Locale.ROOT)).find()) {
                    out.add(new OwnerLink(j, target));
                }
            }
        }
        return out;
    }

    // ---- one cube

    static String cubeFile(DbSchema schema, DbSchema.Table t, List<DraftJoin> joins, RoleProposals roles) {
        String cube = cubeName(t.name());
        StringBuilder y = new StringBuilder();
        y.append("# Drafted by clarion init from ").append(t.view() ? "view " : "table ").append(schema.schema()).append('.')
                .append(t.name()).append(" (").append(t.rowCount()).append(" rows).\n")
                .append("# Review it, then set certified: true on what you stand behind (see README.md).\n");
        y.append("cubes:\n  - name: ").append(cube).append('\n');
        y.append("    sql_table: ").append(schema.schema()).append('.').append(t.name()).append('\n');
        String desc = t.comment() != null && !t.comment().isBlank() ? t.comment().strip()
                : "TODO: what one row of " + t.name() + " is (" + t.rowCount() + " rows when drafted).";
        y.append("    description: ").append(q(desc)).append('\n');
        y.append("    certified: false\n");
        roles.cubeRole(t.name()).ifPresent(r -> y.append("    meta: {role: ").append(r).append("}   # proposed by init: what skills read as the ")
                .append(r).append(" (see README.md)\n"));
        if (t.primaryKey().isEmpty()) {
            y.append("    # No primary key is declared and none was proven unique: counts are right, but joins to this cube\n"
                    + "    # and distinct counts need one. Add primary_key: true to a unique column once you know it.\n");
        }
        List<String> seenTargets = new ArrayList<>();
        if (!joins.isEmpty()) {
            boolean any = false;
            for (DraftJoin j : joins) {
                boolean self = j.to().equals(t.name());
                boolean second = seenTargets.contains(j.to());
                if (!self && !second) {
                    if (!any) y.append("    joins:\n");
                    any = true;
                    seenTargets.add(j.to());
                    if (j.inferred()) {
                        y.append("      # inferred from the column name ").append(j.columns().get(0))
                                .append(": no foreign key is declared; check it, or declare the key\n");
                    }
                    y.append("      - name: ").append(cubeName(j.to())).append('\n');
                    y.append("        relationship: ").append(j.oneToOne() ? "one_to_one" : "many_to_one").append('\n');
                    y.append("        sql: ").append(q(joinSql(j))).append('\n');
                }
            }
            for (DraftJoin j : joins) {
                boolean self = j.to().equals(t.name());
                if (self) {
                    y.append("    # ").append(String.join(", ", j.columns())).append(" refers to this table itself (a hierarchy);")
                            .append(" a cube cannot join itself: model it with a view if you need it.\n");
                } else if (seenTargets.indexOf(j.to()) >= 0 && !joinsFirst(joins, j)) {
                    y.append("    # ").append(String.join(", ", j.columns())).append(" is a second path to ").append(j.to())
                            .append(": one join per pair of cubes; model the other with a view if you need it.\n");
                }
            }
        }
        List<DbSchema.Column> timeColumns = t.columns().stream().filter(c -> time(c.type()) && Pii.of(c.name()).isEmpty()).toList();
        Optional<String> timeDim = timeColumns.stream().map(DbSchema.Column::name)
                .filter(n -> n.toLowerCase(Locale.ROOT).matches(".*(date|_at|time|day|month|period).*")).findFirst()
                .or(() -> timeColumns.stream().map(DbSchema.Column::name).findFirst());
        y.append("    measures:\n");
        y.append("      - name: count\n        type: count\n");
        y.append("        description: ").append(q("Number of " + t.name() + " rows.")).append('\n');
        timeDim.ifPresent(d -> y.append("        time_dimension: ").append(memberName(d)).append('\n'));
        roles.role(t.name(), "count").ifPresent(r -> y.append("        meta: {role: ").append(r).append("}   # proposed by init\n"));
        for (DbSchema.Column c : t.columns()) {
            if (!amount(c)) continue;
            String m = memberName(c.name());
            for (String[] agg : new String[][]{{"sum", "Sum of"}, {"avg", "Average"}, {"min", "Smallest"}, {"max", "Largest"}}) {
                y.append("      - name: ").append(m).append('_').append(agg[0]).append('\n');
                y.append("        type: ").append(agg[0]).append('\n');
                y.append("        sql: ").append(columnSql(c.name())).append('\n');
                y.append("        description: ").append(q(agg[1] + " " + c.name() + " of " + t.name() + " rows."
                        + (c.comment() == null ? "" : " " + c.comment().strip()))).append('\n');
                timeDim.ifPresent(d -> y.append("        time_dimension: ").append(memberName(d)).append('\n'));
            }
        }
        y.append("    dimensions:\n");
        for (DbSchema.Column c : t.columns()) dimension(y, t, c, roles.role(t.name(), c.name()));
        return y.toString();
    }

    private static boolean joinsFirst(List<DraftJoin> joins, DraftJoin j) {
        return joins.stream().filter(x -> x.to().equals(j.to())).findFirst().orElseThrow() == j;
    }

    private static void dimension(StringBuilder y, DbSchema.Table t, DbSchema.Column c, Optional<String> role) {
        Optional<Pii> pii = Pii.of(c.name());
        boolean text = !numeric(c.type()) && !time(c.type()) && !bool(c.type());
        String type = pii.isPresent() ? "string" : time(c.type()) ? "time" : numeric(c.type()) ? "number" : bool(c.type()) ? "boolean" : "string";
        y.append("      - name: ").append(memberName(c.name())).append('\n');
        y.append("        type: ").append(type).append('\n');
        y.append("        sql: ").append(pii.isPresent() && !text ? q("CAST(" + columnRef(c.name()) + " AS text)") : columnSql(c.name())).append('\n');
        if (t.primaryKey().size() == 1 && t.primaryKey().get(0).equals(c.name())) y.append("        primary_key: true\n");
        if (type.equals("time")) y.append("        granularities: [").append(String.join(", ", GRAINS)).append("]\n");
        StringBuilder d = new StringBuilder(c.comment() != null && !c.comment().isBlank() ? c.comment().strip()
                : "TODO: describe " + c.name() + ".");
        if (pii.isEmpty() && categorical(c)) {
            d.append(" Values when drafted: ");
            for (int i = 0; i < c.topValues().size(); i++) {
                DbSchema.ValueCount v = c.topValues().get(i);
                d.append(i == 0 ? "" : ", ").append(v.value()).append(" (").append(v.count()).append(')');
            }
            if (c.distinct() != null && c.distinct() > c.topValues().size()) d.append(", ...");
            d.append('.');
        }
        y.append("        description: ").append(q(d.toString())).append('\n');
        String roleMeta = role.map(r -> ", role: " + r).orElse("");
        String roleNote = role.map(r -> "; role proposed by init").orElse("");
        pii.ifPresent(p -> y.append("        meta: {pii: true, masking: ").append(p.masking).append(roleMeta).append("}   # looks like personal data (")
                .append(p.name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(")").append(roleNote).append("\n"));
        if (pii.isEmpty()) role.ifPresent(r -> y.append("        meta: {role: ").append(r).append("}   # proposed by init\n"));
    }

    /** Values worth listing: few, and repeated (a column of one-off values, such as company names, is not a category). */
    static boolean categorical(DbSchema.Column c) {
        return !c.topValues().isEmpty() && c.topValues().get(0).count() >= 2;
    }

    static String joinSql(DraftJoin j) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < j.columns().size(); i++) {
            parts.add(columnRef(j.columns().get(i)) + " = {" + cubeName(j.to()) + "}." + quotedIfNeeded(j.toColumns().get(i)));
        }
        return String.join(" AND ", parts);
    }

    private static String columnSql(String column) {
        return IDENT.matcher(column).matches() ? column : q(columnRef(column));
    }

    private static String columnRef(String column) {
        return "{CUBE}." + quotedIfNeeded(column);
    }

    private static String quotedIfNeeded(String column) {
        return column.matches("[a-z_][a-z0-9_]*") ? column : "\"" + column.replace("\"", "\"\"") + "\"";
    }

    /** A numeric column that holds an amount to add up, not an id, a code or a flag. */
    static boolean amount(DbSchema.Column c) {
        if (!numeric(c.type()) || Pii.of(c.name()).isPresent()) return false;
        String n = c.name().toLowerCase(Locale.ROOT);
        if (ID_OR_CODE.matcher(n).find()) return false;
        boolean fractional = c.type().equals("numeric") || c.type().equals("double precision") || c.type().equals("real")
                || c.type().equals("money");
        // Whole numbers are counts of something only when the name says so (a 0/1 flag, a rank or a level is not).
        return fractional || AMOUNT.matcher(n).find();
    }

    static boolean numeric(String type) {
        return switch (type) {
            case "integer", "bigint", "smallint", "numeric", "double precision", "real", "money" -> true;
            default -> false;
        };
    }

    static boolean time(String type) {
        return type.equals("date") || type.startsWith("timestamp");
    }

    static boolean bool(String type) {
        return type.equals("boolean");
    }

    /** A YAML double-quoted scalar. */
    static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) b.append(String.format(Locale.ROOT, "\\x%02x", (int) ch));
                    else b.append(ch);
                }
            }
        }
        return b.append('"').toString();
    }

    // ---- access.yml

    static String accessFile(DbSchema schema, Map<String, List<DraftJoin>> joins) {
        StringBuilder y = new StringBuilder();
        y.append("# Drafted by clarion init: who may see what. Safe defaults: every role is listed here (any other role\n"
                + "# is refused), columns marked pii are masked for every role without the pii privilege, and only\n"
                + "# admin reads the audit log. Add roles and deny members as your team needs.\n");
        y.append("access:\n");
        y.append("  description: ").append(q("Roles for the " + schema.schema() + " schema (drafted; review before use).")).append('\n');
        y.append("  roles:\n");
        y.append("    - name: admin\n      description: \"Runs Clarion: every row, personal data unmasked, the audit log.\"\n"
                + "      privileges: [pii, uncertified, audit, operate]\n\n");
        y.append("    - name: analyst\n      description: \"Every row; personal data masked; uncertified members when asking for them.\"\n"
                + "      privileges: [uncertified]\n\n");
        y.append("    - name: viewer\n      description: \"Every row, certified members only; personal data masked.\"\n");
        List<OwnerLink> links = ownerLinks(schema, joins);
        if (links.isEmpty()) return y.toString();
        OwnerLink link = links.get(0);
        String owned = cubeName(link.join().from());
        String people = cubeName(link.people().name());
        String column = link.join().columns().get(0);
        String peopleKey = link.join().toColumns().get(0);
        List<String> reference = referenceCubes(schema, joins, List.of(link.join().from(), link.people().name()));
        y.append("\n    # Row-level access: ").append(link.join().from()).append('.').append(column).append(" points at ")
                .append(link.people().name()).append(", a table of people.\n"
                        + "    # Remove the '#' below to let each of them see only their own ").append(link.join().from())
                .append(" rows and the facts reached through them;\n"
                        + "    # an API user of this role carries attributes: {owner_id: <their ").append(peopleKey).append(">}.\n");
        y.append("    # - name: owner\n");
        y.append("    #   description: \"One ").append(link.people().name()).append(": only the ").append(link.join().from())
                .append(" rows whose ").append(column).append(" is theirs; personal data masked.\"\n");
        y.append("    #   attributes: [owner_id]\n");
        y.append("    #   row_filters:\n");
        y.append("    #     - cube: ").append(owned).append('\n');
        y.append("    #       sql: ").append(q(asText(link.join().from(), column, schema) + " = {principal.owner_id}")).append('\n');
        y.append("    #     - cube: ").append(people).append('\n');
        y.append("    #       sql: ").append(q(asText(link.people().name(), peopleKey, schema) + " = {principal.owner_id}")).append('\n');
        if (!reference.isEmpty()) {
            y.append("    #   reference_cubes: [").append(String.join(", ", reference)).append("]   # data about no ")
                    .append(link.join().from()).append(": every row visible\n");
        }
        return y.toString();
    }

    /** A column compared with a caller's attribute, which is bound as text. */
    private static String asText(String table, String column, DbSchema schema) {
        String ref = columnRef(column);
        String type = schema.table(table).flatMap(t -> t.column(column)).map(DbSchema.Column::type).orElse("text");
        return type.equals("text") || type.startsWith("character") ? ref : "CAST(" + ref + " AS text)";
    }

    /** Cubes with no many-to-one path to any of {@code filtered}: candidates for reference data. */
    static List<String> referenceCubes(DbSchema schema, Map<String, List<DraftJoin>> joins, List<String> filtered) {
        List<String> out = new ArrayList<>();
        for (DbSchema.Table t : schema.tables()) {
            if (!reaches(t.name(), filtered, joins, new ArrayList<>())) out.add(cubeName(t.name()));
        }
        return out;
    }

    private static boolean reaches(String table, List<String> targets, Map<String, List<DraftJoin>> joins, List<String> seen) {
        if (targets.contains(table)) return true;
        if (seen.contains(table)) return false;
        seen.add(table);
        List<String> visitedTargets = new ArrayList<>();
        for (DraftJoin j : joins.getOrDefault(table, List.of())) {
            if (j.to().equals(table) || visitedTargets.contains(j.to())) continue;
            visitedTargets.add(j.to());
            if (reaches(j.to(), targets, joins, seen)) return true;
        }
        return false;
    }

    // ---- README

    static String readme(DbSchema schema, Map<String, List<DraftJoin>> joins, RoleProposals roles) {
        StringBuilder r = new StringBuilder();
        r.append("# Catalog drafted from schema `").append(schema.schema()).append("`\n\n");
        r.append("`clarion init` read the database's own description and wrote one cube per table. Nothing here is\n"
                + "certified: the chat, skills and briefings use certified members only, so review each file and set\n"
                + "`certified: true` on the cubes and members you stand behind (on the cube to certify all its members).\n\n");
        r.append("## What to review\n\n");
        r.append("| cube | rows | primary key | joins | personal data | amounts |\n|---|---|---|---|---|---|\n");
        for (DbSchema.Table t : schema.tables()) {
            List<DraftJoin> js = joins.getOrDefault(t.name(), List.of()).stream().filter(j -> !j.to().equals(t.name())).toList();
            r.append("| `").append(cubeName(t.name())).append("` | ").append(t.rowCount()).append(" | ")
                    .append(t.primaryKey().isEmpty() ? "**none proven**" : String.join(", ", t.primaryKey())).append(" | ")
                    .append(js.isEmpty() ? "" : String.join(", ", js.stream()
                            .map(j -> cubeName(j.to()) + (j.inferred() ? " (**inferred**)" : "")).distinct().toList()))
                    .append(" | ")
                    .append(String.join(", ", t.columns().stream().filter(c -> Pii.of(c.name()).isPresent()).map(DbSchema.Column::name).toList()))
                    .append(" | ")
                    .append(String.join(", ", t.columns().stream().filter(CatalogDrafter::amount).map(DbSchema.Column::name).toList()))
                    .append(" |\n");
        }
        r.append("""

                - **Descriptions**: every `TODO` is a description to write; it is what the chat reads to map a question.
                - **Primary keys** are declared keys, or columns counted unique when drafted. A cube without one cannot
                  be counted distinctly through joins; add `primary_key: true` once you know a unique column.
                - **Joins** come from foreign keys; those marked inferred come from a `<table>_id` column name alone.
                  Check each: a wrong join silently multiplies figures.
                - **Amounts**: `sum`/`avg`/`min`/`max` measures were drafted for numeric columns whose names look like
                  amounts. Delete those that make no sense to add up; add ratios and derived metrics under `metrics:`.
                - **Personal data**: columns whose names look like e-mail, phone, names, addresses or birth dates are
                  `pii: true` and masked for every role without the `pii` privilege. Mark any others the same way.
                - **Time**: each cube's measures are placed in time by its first date column (`time_dimension`).
                - **Catalog roles** (`meta: {role: ...}`) tell skills, the profile card and the backtest which
                  cube is the customer and which members are its id, name, owner and dates. Roles proposed here:
                  ROLES_PROPOSED. Check each; add the others your skills need (`clarion validate` lists the roles
                  bound and says which skills are switched off for a missing one).
                - **Access** (`access.yml`): roles outside the file are refused. Where a column points at a table of
                  people (an owner, a rep, a manager) a row filter is drafted, commented out: switch it on to let each
                  person see only their own rows.

                ## Next

                    clarion validate <this folder> --jdbc-url ...    # checks the files and the live database
                    clarion query '{"metrics": ["<cube>.count"]}' --catalog <this folder> --jdbc-url ...

                Running `clarion init` again on a changed schema reports what changed, updates files it wrote that
                nobody edited, and leaves every edited file alone (`.clarion-init` records what it wrote).
                """);
        List<String> proposed = new ArrayList<>();
        roles.tables().forEach((table, rs) -> rs.forEach((role, column) ->
                proposed.add("`" + role + "` = `" + cubeName(table) + (column.isEmpty() ? "" : "." + memberName(column)) + "`")));
        return r.toString().replace("ROLES_PROPOSED", proposed.isEmpty() ? "none (no table looked like customers)" : String.join(", ", proposed));
    }
}
