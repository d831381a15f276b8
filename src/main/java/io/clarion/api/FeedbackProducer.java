package io.clarion.api;

import io.clarion.briefing.Briefings;
import io.clarion.briefing.feedback.FeedbackLinks;
import io.clarion.briefing.feedback.FeedbackPage;
import io.clarion.briefing.feedback.FeedbackService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Owners' feedback on briefing accounts: the same links, store and templates the briefings use. */
@ApplicationScoped
public class FeedbackProducer {

    @Produces
    @Singleton
    FeedbackService feedbackService(Briefings briefings) {
        return briefings.feedback();
    }

    @Produces
    @Singleton
    io.clarion.briefing.BriefingStore briefingStore(Briefings briefings) {
        return briefings.store();
    }

    @Produces
    @Singleton
    FeedbackLinks feedbackLinks(Briefings briefings) {
        return briefings.links();
    }

    @Produces
    @Singleton
    FeedbackPage feedbackPage(Briefings briefings) {
        return new FeedbackPage(briefings.links(), briefings.feedback(), briefings.templates());
    }
}
