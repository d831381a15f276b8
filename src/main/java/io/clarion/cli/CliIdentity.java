package io.clarion.cli;

import io.clarion.app.Clarion;
import io.clarion.governance.auth.Authenticator;
import io.clarion.governance.policy.Access;
import io.clarion.governance.policy.Principal;
import io.clarion.engine.Engine;
import io.clarion.warehouse.WarehouseSettings;

import java.util.Optional;
import java.util.function.Function;

/**
 * Who a command answers as: the API user whose token is given ({@code --token} or
 * {@code CLARION_TOKEN}), under the same access policy as the API; without one, the local
 * operator, who holds the database credentials anyway.
 */
record CliIdentity(Principal principal, Access access, String error) {

    static CliIdentity resolve(Clarion clarion, String token) {
        if (token == null || token.isBlank()) {
            Principal operator = Principal.named("cli:" + System.getProperty("user.name"));
            return new CliIdentity(operator, Access.full(operator), null);
        }
        Authenticator.Result r = clarion.authenticator(null).authenticate("Bearer " + token.strip());
        if (!r.ok()) return new CliIdentity(null, null, r.error());
        return new CliIdentity(r.principal(), clarion.engine().queries().access(r.principal()), null);
    }

    boolean ok() {
        return error == null;
    }
}
