package io.clarion.catalog.yaml;

import io.clarion.diagnostics.Blame;
import io.clarion.diagnostics.Code;

/**
 * Problems of a YAML file's shape, the same for every file Clarion reads (catalog, access,
 * skills, verified queries, users): syntax, keys, structure, missing or bad fields, and files
 * that cannot be read. What a file means is checked by its own stage with its own codes.
 */
public enum YamlCode implements Code {
    YAML_SYNTAX, DUPLICATE_KEY, UNKNOWN_KEY, INVALID_STRUCTURE, MISSING_FIELD, INVALID_VALUE, MISSING_FOLDER,
    IO(Blame.INTERNAL);

    private final Blame blame;

    YamlCode() {
        this(Blame.USER);
    }

    YamlCode(Blame blame) {
        this.blame = blame;
    }

    @Override
    public String key() {
        return Code.keyOf(this);
    }

    @Override
    public Blame blame() {
        return blame;
    }
}
