package io.clarion.catalog;

import io.clarion.catalog.yaml.YamlCode;
import io.clarion.diagnostics.Code;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Location;

import java.util.List;

/** An issue for a rule that names its code by key: shape codes are {@link YamlCode}s, the rest {@link CatalogCode}s. */
final class CatalogIssue {
    private CatalogIssue() {
    }

    static Issue of(Location at, String key, String message, List<String> suggestions) {
        return Issue.of(code(key), at, message, suggestions);
    }

    static Code code(String key) {
        String name = key.toUpperCase(java.util.Locale.ROOT);
        for (YamlCode c : YamlCode.values()) if (c.name().equals(name)) return c;
        return CatalogCode.valueOf(name);
    }
}
