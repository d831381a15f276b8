package io.clarion.api;

import io.clarion.agent.Agents;
import io.clarion.engine.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

@ApplicationScoped
public class ChatProducer {
    @jakarta.inject.Inject
    jakarta.enterprise.inject.Instance<Agents.Chat> chat;

    /** Built at start-up, so dimension values are being read before the first question. */
    void onStart(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ev) {
        chat.get().service();
    }

    @Produces
    @Singleton
    Agents.Chat chat(Engine engine) {
        var config = ConfigProvider.getConfig();
        return Agents.assemble(engine, key -> config.getOptionalValue(key, String.class), false, false);
    }
}
