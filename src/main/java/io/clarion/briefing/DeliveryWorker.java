package io.clarion.briefing;

import io.clarion.briefing.delivery.Channel;
import io.clarion.briefing.delivery.DeliveryResult;
import io.clarion.briefing.delivery.EmailMessage;
import io.clarion.briefing.delivery.EmailSender;
import io.clarion.briefing.delivery.SlackMessage;
import io.clarion.briefing.delivery.SlackSender;
import io.clarion.governance.policy.Principal;
import io.clarion.governance.audit.AuditLog;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sends stored briefings whose deliveries are due, one claimed row at a time: a row another
 * instance holds is skipped, a sent row is never sent again, a retryable failure is tried again
 * later with backoff, and a permanent one stays failed with its reason (visible in the API).
 * A claim left by an instance that stopped mid-send is taken over after the lease: a message
 * accepted by the server just before that stop may go out twice (at least once, never lost);
 * both copies carry the delivery's idempotency key, so the receiver can tell them apart from
 * a new message.
 */
public final class DeliveryWorker {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);

    /** Sends one rendered briefing on one channel; every attempt of a delivery has the same idempotency key. */
    @FunctionalInterface
    public interface Sender {
        DeliveryResult send(OwnerBriefing briefing, BriefingRenderer.Rendered rendered, String idempotencyKey);
    }

    public record Totals(int sent, int retrying, int failed) {
    }

    /**
     * @param maxAttempts delivery attempts (each with the sender's own quick retries) before a row fails for good
     * @param retryDelay  the first wait before another attempt; doubles, capped at six hours
     */
    public record Policy(int maxAttempts, Duration retryDelay, Duration lease) {
        public static final Policy DEFAULT = new Policy(8, Duration.ofMinutes(5), DEFAULT_LEASE);
    }

    private final BriefingStore store;
    private final BriefingRenderer renderer;
    private final Function<String, Optional<BriefingRenderer.TemplateNames>> templates;
    private final Map<Channel, Sender> senders;
    private final String instance;
    private final Policy policy;
    /** Held while one delivery is in flight, so stopping waits for it to be sent and recorded. */
    private final java.util.concurrent.locks.ReentrantLock inFlight = new java.util.concurrent.locks.ReentrantLock();
    private volatile boolean stopping;

    public DeliveryWorker(BriefingStore store, BriefingRenderer renderer,
                          Function<String, Optional<BriefingRenderer.TemplateNames>> templates,
                          Map<Channel, Sender> senders, String instance, Policy policy) {
        this.store = store;
        this.renderer = renderer;
        this.templates = templates;
        this.senders = Map.copyOf(senders);
        this.instance = instance;
        this.policy = policy;
    }

    /** The real channels: email to the owner's address, Slack to the owner's user id. */
    public static Map<Channel, Sender> senders(EmailSender email, SlackSender slack) {
        return Map.of(
                Channel.EMAIL, (b, r, key) -> b.owner().email() == null
                        ? new DeliveryResult.Failed(true, "owner " + b.owner().ownerId() + " has no email address", 1, Optional.empty())
                        : email.send(new EmailMessage(b.owner().email(), b.owner().name(), r.subject(), r.html(), r.text(), key)),
                Channel.SLACK, (b, r, key) -> slack.send(new SlackMessage(b.owner().slackUserId(), r.slackText(), r.slackBlocks(), key)));
    }

    /**
     * Delivers everything due now, one claimed row at a time (so a stop leaves no row claimed
     * but unsent), until nothing is left or the worker is stopping.
     */
    public Totals deliverDue() {
        int sent = 0;
        int retrying = 0;
        int failed = 0;
        while (!stopping) {
            inFlight.lock();
            try {
                if (stopping) break;
                List<BriefingStore.Delivery> claimed = store.claimDue(instance, 1, policy.lease());
                if (claimed.isEmpty()) break;
                switch (deliver(claimed.get(0))) {
                    case SENT -> sent++;
                    case RETRYING -> retrying++;
                    case FAILED -> failed++;
                }
            } finally {
                inFlight.unlock();
            }
        }
        return new Totals(sent, retrying, failed);
    }

    /** Claims nothing more and waits for the delivery in flight to be sent and recorded. */
    public void stop() {
        stopping = true;
        inFlight.lock();
        inFlight.unlock();
    }

    private enum End { SENT, RETRYING, FAILED }

    private volatile AuditLog audit;

    /** Records every delivery attempt's outcome in {@code log} from now on. */
    public void auditTo(AuditLog log) {
        this.audit = log;
    }

    private End audited(BriefingStore.Delivery d, End end, String detail) {
        AuditLog log = audit;
        if (log != null) {
            try {
                log.event(AuditLog.Kind.DELIVERY, "briefing", Principal.SYSTEM, "briefing " + d.briefingId() + " by " + d.channel(), null, 0,
                        end.name().toLowerCase(java.util.Locale.ROOT), detail);
            } catch (RuntimeException e) {
                // The message is already out: its state must still be recorded, or it would be sent again.
                LOG.warnf("delivery %d: %s", d.id(), e.getMessage());
            }
        }
        return end;
    }

    private End deliver(BriefingStore.Delivery d) {
        DeliveryResult result;
        try {
            BriefingStore.Detail detail = store.get(d.briefingId()).orElseThrow();
            OwnerBriefing b = detail.briefing();
            BriefingRenderer.TemplateNames names = templates.apply(b.skill())
                    .orElseThrow(() -> new IllegalStateException("no skill " + b.skill() + " to render with"));
            Sender sender = senders.get(Channel.of(d.channel()));
            if (sender == null) throw new IllegalStateException("no sender for channel " + d.channel());
            result = sender.send(b, renderer.render(d.briefingId(), b, names), d.idempotencyKey());
        } catch (RuntimeException e) {
            // Rendering or lookup failed: nothing was sent, so it is safe to try again later.
            LOG.warnf("delivery %d (%s) could not be prepared: %s", d.id(), d.channel(), e.getMessage());
            result = new DeliveryResult.Failed(false, "could not prepare: " + e.getMessage(), 1, Optional.empty());
        }
        if (result instanceof DeliveryResult.Sent s) {
            store.markSent(d.id(), s.detail());
            return audited(d, End.SENT, null);
        }
        DeliveryResult.Failed f = (DeliveryResult.Failed) result;
        if (f.permanent() || d.attempts() >= policy.maxAttempts()) {
            String reason = f.permanent() ? f.reason() : "gave up after " + d.attempts() + " attempts: " + f.reason();
            store.markFailed(d.id(), true, reason, Instant.now());
            LOG.warnf("delivery %d (%s) failed: %s", d.id(), d.channel(), AuditLog.scrub(reason));
            return audited(d, End.FAILED, reason);
        }
        Duration wait = f.retryAfter().orElse(backoff(d.attempts()));
        store.markFailed(d.id(), false, f.reason(), Instant.now().plus(wait));
        return audited(d, End.RETRYING, f.reason());
    }

    Duration backoff(int attempts) {
        long factor = 1L << Math.min(attempts - 1, 10);
        Duration d = policy.retryDelay().multipliedBy(factor);
        return d.compareTo(Duration.ofHours(6)) > 0 ? Duration.ofHours(6) : d;
    }
}
