package io.clarion.api;

import io.clarion.catalog.model.AccessPolicy.Privilege;
import io.clarion.governance.policy.Access;
import io.clarion.governance.policy.Principal;
import io.clarion.engine.Engine;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** The authenticated caller of the current request, set by {@link AuthFilter}. */
@RequestScoped
public class Caller {
    @Inject
    Engine engine;

    private Principal principal;
    private Access access;

    /** A caller already resolved (in-process use and tests). */
    public static Caller of(Access a) {
        Caller c = new Caller();
        c.principal = a.principal();
        c.access = a;
        return c;
    }

    void set(Principal p) {
        this.principal = p;
        this.access = engine.queries().access(p);
    }

    public Principal principal() {
        if (principal == null) throw new IllegalStateException("no authenticated caller on this request");
        return principal;
    }

    /** True once the auth filter has set the caller (false for a refused or unauthenticated request). */
    public boolean known() {
        return principal != null;
    }

    public Access access() {
        principal();
        return access;
    }

    /** 403 unless the caller holds {@code p}; {@code what} names the action for the message. */
    public void require(Privilege p, String what) {
        if (!access().has(p)) {
            throw new Forbidden(principal.describe() + " may not " + what + " (needs the " + p.name().toLowerCase(java.util.Locale.ROOT)
                    + " privilege)");
        }
    }

    /**
     * Whose briefings and feedback the caller sees: every owner's only for a caller whose access
     * restricts no rows and is valid; an owner's own; otherwise nothing (a missing owner_id, an
     * unknown role). Every resource asks this, so a missing scope never means "everything".
     */
    public OwnerScope ownerScope() {
        Access a = access();
        if (a.problem().isPresent()) return OwnerScope.NONE;
        return a.restrictsRows() ? OwnerScope.owner(principal.attribute("owner_id")) : OwnerScope.ALL;
    }
}
