package io.clarion.api;

import io.clarion.briefing.feedback.FeedbackPage;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The page an owner opens from a briefing's signed link to give feedback on one flagged account. */
@Path("/feedback")
@Produces(MediaType.TEXT_HTML)
public class FeedbackPageResource {
    private static final Logger LOG = Logger.getLogger(FeedbackPageResource.class);

    @Inject
    FeedbackPage page;

    @GET
    @Path("/{token}")
    @Operation(summary = "Feedback page for one flagged account", description = "Opened from a briefing's signed link; 403 when the link is invalid or expired.")
    public Response show(@PathParam("token") String token) {
        return html(() -> page.show(token));
    }

    @POST
    @Path("/{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Record feedback from the page's form", description = "Fields: verdict (confirmed | false_positive | handled), "
            + "status (open | in_progress | done), due_date (YYYY-MM-DD), note. The page comes back with a confirmation, or 400 with the problem.")
    public Response submit(@PathParam("token") String token, @FormParam("verdict") String verdict, @FormParam("status") String status,
                           @FormParam("due_date") String dueDate, @FormParam("note") String note) {
        Map<String, String> form = new HashMap<>();
        form.put("verdict", verdict);
        form.put("status", status);
        form.put("due_date", dueDate);
        form.put("note", note);
        return html(() -> page.submit(token, form));
    }

    /** The page, or a plain error page: the person holding the link never gets JSON or a stack trace. */
    static Response html(Supplier<FeedbackPage.Rendered> render) {
        FeedbackPage.Rendered r;
        try {
            r = render.get();
        } catch (RuntimeException e) {
            LOG.error("the feedback page failed", e);
            r = new FeedbackPage.Rendered(500, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Feedback unavailable</title></head>"
                    + "<body><p>Something went wrong on our side; your feedback was not saved. Please try again later.</p></body></html>");
        }
        // The address carries the token: keep it out of caches and out of other sites' Referer headers.
        return Response.status(r.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(r.html())
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
