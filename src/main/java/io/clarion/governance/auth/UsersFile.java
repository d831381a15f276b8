package io.clarion.governance.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clarion.catalog.model.AccessPolicy;
import io.clarion.governance.audit.AuditLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The users of one environment, in YAML: each with a name, roles of the access policy,
 * attributes (an owner's {@code owner_id}) and the SHA-256 of their token, so the file holds no
 * secret. A problem stops the server with the file and the entry at fault.
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
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    record Entry(String name, List<String> roles, Map<String, String> attributes,
                 @JsonProperty("token_sha256") String tokenSha256) {
    }

    record Document(List<Entry> users) {
    }

    private UsersFile() {
    }

    public static List<User> read(Path file, AccessPolicy policy) {
        Document doc;
        try {
            doc = YAML.readValue(Files.readString(file), Document.class);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new IllegalStateException(file + ": unknown key \"" + e.getPropertyName() + "\" near line "
                    + e.getLocation().getLineNr() + " (a user has name, roles, attributes and token_sha256; never the token itself)");
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new IllegalStateException(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr()) + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the users file " + file + ": " + e.getMessage());
        }
        if (doc == null || doc.users() == null) throw new IllegalStateException(file + ": expected users: a list of users");
        List<User> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < doc.users().size(); i++) {
            Entry e = doc.users().get(i);
            String where = file + ": users[" + i + "]";
            if (e.name() == null || e.name().isBlank()) throw new IllegalStateException(where + " needs a name");
            if (!names.add(e.name())) throw new IllegalStateException(where + ": user " + e.name() + " is listed twice");
            if (e.tokenSha256() == null || !e.tokenSha256().matches("[0-9a-f]{64}")) {
                throw new IllegalStateException(where + " (" + e.name() + ") needs token_sha256: 64 lower-case hex digits "
                        + "(the SHA-256 of the token, e.g. printf %s \"$TOKEN\" | sha256sum)");
            }
            List<String> roles = e.roles() == null ? List.of() : e.roles();
            if (roles.isEmpty()) throw new IllegalStateException(where + " (" + e.name() + ") needs at least one role");
            for (String r : roles) {
                if (!policy.open() && policy.role(r).isEmpty()) {
                    throw new IllegalStateException(where + " (" + e.name() + "): unknown role \"" + r + "\"; the access policy has "
                            + String.join(", ", policy.roles().keySet()));
                }
            }
            out.add(new User(e.name().strip(), roles, e.attributes() == null ? Map.of() : e.attributes(), e.tokenSha256()));
        }
        return out;
    }

    /** For people writing the file: the hash of a token. */
    public static String hash(String token) {
        return AuditLog.sha256(token);
    }
}
