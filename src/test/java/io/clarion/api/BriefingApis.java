package io.clarion.api;

import io.clarion.governance.policy.Access;
import io.clarion.governance.policy.Principal;
import io.clarion.testing.BriefingApp;

import java.util.List;
import java.util.Map;

/** The briefing API wired to a started {@link BriefingApp} as the server injects it, for a given caller. */
final class BriefingApis {
    private BriefingApis() {
    }

    static BriefingResource as(BriefingApp app, Access access) {
        BriefingResource api = new BriefingResource();
        api.briefings = app.briefings();
        api.store = app.briefings().store();
        api.feedback = app.briefings().feedback();
        api.caller = Caller.of(access);
        return api;
    }

    static BriefingResource asAdmin(BriefingApp app) {
        return as(app, app.engine().queries().access(new Principal("ops-admin", List.of("admin"), Map.of())));
    }
}
