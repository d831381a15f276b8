package io.clarion.api;

import io.clarion.briefing.feedback.FeedbackLinks;
import io.clarion.briefing.feedback.FeedbackPage;
import io.clarion.briefing.feedback.FeedbackService;
import io.clarion.warehouse.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Optional;
import java.util.function.Function;

/** Owners' feedback on briefing accounts, over the engine's app store. */
@ApplicationScoped
public class FeedbackProducer {

    private static Function<String, Optional<String>> config() {
        var config = ConfigProvider.getConfig();
        return key -> config.getOptionalValue(key, String.class);
    }

    /** A bad link setting stops the server at start rather than at the first owner's click. */
    void onStart(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ev) {
        FeedbackLinks.checkConfig(config());
    }

    @Produces
    @Singleton
    FeedbackService feedbackService(Engine engine) {
        return new FeedbackService(engine.warehouse().dataSource());
    }

    @Produces
    @Singleton
    FeedbackLinks feedbackLinks(Engine engine) {
        return FeedbackLinks.create(engine.warehouse().dataSource(), config());
    }

    @Produces
    @Singleton
    FeedbackPage feedbackPage(FeedbackLinks links, FeedbackService service) {
        return new FeedbackPage(links, service, FeedbackPage.templatesDir(config()));
    }
}
