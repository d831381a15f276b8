package io.clarion.governance.auth;

import io.clarion.catalog.model.AccessPolicy;
import io.clarion.catalog.yaml.LocatedYaml;
import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YNode.YScalar;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.catalog.yaml.YamlFields;
import io.clarion.diagnostics.IssueRenderer;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Suggestions;
import io.clarion.governance.audit.AuditLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The users of one environment, in YAML: each with a name, roles of the access policy,
 * attributes (an owner's {@code owner_id}) and the SHA-256 of their token, so the file holds no
 * secret. Problems stop the server, each with the file, line and column at fault.
 *
 * <pre>
 * users:
 *   - name: olga
 *     roles: [owner]
 *     attributes: {owner_id: own_001}
 *     token_sha256: 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8
 * </pre>
 */
public final class UsersFile {
    private static final Set<String> TOP_KEYS = Set.of("users");
    private static final Set<String> USER_KEYS = Set.of("name", "roles", "attributes", "token_sha256");

    private UsersFile() {
    }

    public static List<User> read(Path file, AccessPolicy policy) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the users file " + file + ": " + e.getMessage());
        }
        List<Issue> issues = new ArrayList<>();
        List<User> users = read(file.toString(), text, policy, issues);
        if (!issues.isEmpty()) {
            throw new IllegalStateException("the users file " + file + " is invalid:\n" + IssueRenderer.report(issues).strip());
        }
        return users;
    }

    static List<User> read(String file, String text, AccessPolicy policy, List<Issue> issues) {
        List<User> out = new ArrayList<>();
        YNode doc = LocatedYaml.parse(file, text, issues);
        if (doc == null) return out;
        YamlFields yaml = new YamlFields(issues);
        if (!(doc instanceof YMap root) || root.get("users") == null) {
            yaml.report(YamlCode.MISSING_FIELD, doc.location(), "expected users: a list of users");
            return out;
        }
        yaml.checkKeys(root, TOP_KEYS, "the users file");
        Map<String, YNode> names = new HashMap<>();
        for (YMap e : yaml.listOfMaps(root.get("users"), "users")) {
            // Naming the keys a user has makes a pasted token stand out as the mistake it is.
            yaml.checkKeys(e, USER_KEYS, "a user (a user has name, roles, attributes and token_sha256; never the token itself)");
            String name = yaml.requiredName(e, "user");
            if (name == null) continue;
            YNode first = names.putIfAbsent(name, e);
            if (first != null) {
                yaml.report(YamlCode.INVALID_VALUE, e.keyLocation("name"), "user " + name + " is listed twice (first at "
                        + first.location() + ")");
            }
            String hash = yaml.scalar(e, "token_sha256");
            if (hash == null || !hash.matches("[0-9a-f]{64}")) {
                yaml.report(YamlCode.INVALID_VALUE, e.get("token_sha256") == null ? e.location() : e.get("token_sha256").location(),
                        "user " + name + " needs token_sha256: 64 lower-case hex digits "
                                + "(the SHA-256 of the token, e.g. printf %s \"$TOKEN\" | sha256sum)");
            }
            YNode rolesNode = e.get("roles");
            List<YScalar> roles = yaml.names(rolesNode, "roles", false);
            if (roles.isEmpty() && (rolesNode == null || rolesNode instanceof YNode.YList)) {
                yaml.report(YamlCode.MISSING_FIELD, e.location(), "user " + name + " needs at least one role");
            }
            for (YScalar r : roles) {
                if (!policy.open() && policy.role(r.text()).isEmpty()) {
                    yaml.report(YamlCode.INVALID_VALUE, r.location(), "user " + name + ": unknown role \"" + r.text()
                            + "\"; the access policy has " + String.join(", ", policy.roles().keySet()),
                            Suggestions.closest(r.text(), policy.roles().keySet()));
                }
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            YNode attrs = e.get("attributes");
            if (attrs instanceof YMap am) {
                am.values().forEach((k, v) -> {
                    String value = YamlFields.text(v);
                    if (value == null) yaml.report(YamlCode.INVALID_VALUE, v.location(), "attribute " + k + " must be a single value");
                    else attributes.put(k, value);
                });
            } else if (attrs != null) {
                yaml.report(YamlCode.INVALID_STRUCTURE, attrs.location(), "attributes: must be a mapping of name to value");
            }
            out.add(new User(name, roles.stream().map(YScalar::text).toList(), attributes, hash));
        }
        return out;
    }

    /** For people writing the file: the hash of a token. */
    public static String hash(String token) {
        return AuditLog.sha256(token);
    }
}
