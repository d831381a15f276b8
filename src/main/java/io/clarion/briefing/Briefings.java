package io.clarion.briefing;

import io.clarion.briefing.delivery.DeliverySettings;
import io.clarion.briefing.delivery.EmailSender;
import io.clarion.briefing.delivery.SlackSender;
import io.clarion.briefing.feedback.FeedbackLinks;
import io.clarion.briefing.feedback.FeedbackService;
import io.clarion.briefing.skill.Skill;
import io.clarion.briefing.skill.SkillLoader;
import io.clarion.briefing.template.Templates;
import io.clarion.governance.policy.Principal;
import io.clarion.governance.audit.AuditLog;
import io.clarion.engine.Engine;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Briefings assembled over an engine: the skills (validated against the catalog and the
 * templates), storage, feedback links, rendering, delivery and, in the server, the scheduler.
 * The server and the command line build the same thing.
 */
public final class Briefings implements AutoCloseable {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Briefings.class);
    public static final String SKILLS_DIR_KEY = "clarion.skills.dir";

    private final Engine engine;
    private final List<Skill> skills;
    private final BriefingStore store;
    private final FeedbackService feedback;
    private final BriefingRenderer renderer;
    private final DeliveryWorker worker;
    private BriefingScheduler scheduler;
    /**
     * Sends run on this one thread, never on a caller's (an HTTP request thread is interrupted
     * when the server stops, and an interrupted send cannot tell whether Slack got the message).
     */
    private final java.util.concurrent.ExecutorService sending = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "briefing-delivery");
        t.setDaemon(true);
        return t;
    });

    private final FeedbackLinks links;
    private final Templates templates;
    /** Channels with settings: a briefing gets deliveries only on these (the others are noted in the run). */
    private final List<String> configuredChannels;
    private List<SkillLoader.Disabled> disabled = List.of();
    private ChurnModels models;

    private Briefings(Engine engine, List<Skill> skills, BriefingStore store, FeedbackService feedback, FeedbackLinks links,
                      Templates templates, BriefingRenderer renderer, DeliveryWorker worker, List<String> configuredChannels) {
        this.links = links;
        this.templates = templates;
        this.configuredChannels = List.copyOf(configuredChannels);
        this.engine = engine;
        this.skills = skills;
        this.store = store;
        this.feedback = feedback;
        this.renderer = renderer;
        this.worker = worker;
    }

    public static Briefings assemble(Engine engine, Function<String, Optional<String>> config) {
        Path skillsDir = Path.of(config.apply(SKILLS_DIR_KEY).orElse("skills"));
        Path templatesDir = Templates.dir(config);
        List<Skill> skills = List.of();
        List<SkillLoader.Disabled> disabled = List.of();
        if (Files.isDirectory(skillsDir)) {
            SkillLoader.LoadResult r = SkillLoader.load(skillsDir, templatesDir, engine.catalog());
            // A skill that does not bind to this catalog is switched off, not a reason to refuse to serve the rest.
            for (SkillLoader.Disabled d : r.disabled()) {
                LOG.warnf("skill %s is switched off: %s", d.name(), d.reason());
            }
            skills = r.skills();
            disabled = r.disabled();
        }
        var ds = engine.store().dataSource();
        DeliverySettings delivery;
        try {
            delivery = DeliverySettings.from(config);
        } catch (IllegalArgumentException e) {
            throw new Engine.StartupException("invalid delivery settings: " + e.getMessage(), e);
        }
        FeedbackLinks links = FeedbackLinks.create(ds, config);
        BriefingStore store = new BriefingStore(ds);
        Templates templates = new Templates(templatesDir);
        BriefingRenderer renderer = new BriefingRenderer(templates, links::url);
        Map<String, BriefingRenderer.TemplateNames> templateNames = new java.util.HashMap<>();
        for (Skill s : skills) {
            if (s.templates() != null) {
                templateNames.put(s.name(), new BriefingRenderer.TemplateNames(s.templates().emailHtml(), s.templates().emailText(),
                        s.templates().slack()));
            }
        }
        DeliveryWorker worker = new DeliveryWorker(store, renderer, name -> Optional.ofNullable(templateNames.get(name)),
                DeliveryWorker.senders(new EmailSender(delivery), new SlackSender(delivery)),
                ManagementFactory.getRuntimeMXBean().getName(), new DeliveryWorker.Policy(
                        DeliveryWorker.Policy.DEFAULT.maxAttempts(), DeliveryWorker.Policy.DEFAULT.retryDelay(),
                        config.apply("clarion.delivery.lease-seconds").map(v -> Duration.ofSeconds(Long.parseLong(v)))
                                .orElse(DeliveryWorker.Policy.DEFAULT.lease())));
        worker.auditTo(engine.audit());
        List<String> configured = new ArrayList<>();
        if (delivery.mail().configured()) configured.add("email");
        if (delivery.slack().configured()) configured.add("slack");
        FeedbackService feedback = new FeedbackService(ds);
        feedback.auditTo(engine.audit());
        Briefings b = new Briefings(engine, skills, store, feedback, links, templates, renderer, worker, configured);
        b.disabled = disabled;
        return b;
    }

    /** The skill files switched off for this catalog, each with its problems. */
    public List<SkillLoader.Disabled> disabledSkills() {
        return disabled;
    }

    public List<Skill> skills() {
        return skills;
    }

    public BriefingStore store() {
        return store;
    }

    public FeedbackService feedback() {
        return feedback;
    }

    public FeedbackLinks links() {
        return links;
    }

    public Templates templates() {
        return templates;
    }

    public BriefingRenderer renderer() {
        return renderer;
    }

    /** The risk-briefing skill of that name, or a clear error naming the ones there are. */
    public BriefingSpec spec(String skill) {
        Skill s = skills.stream().filter(x -> x.name().equals(skill)).findFirst()
                .orElseThrow(() -> disabled.stream().filter(d -> d.name().equals(skill)).findFirst()
                        .<IllegalArgumentException>map(d -> new UnknownSkill("skill " + skill + " is switched off for this catalog: " + d.reason()))
                        .orElseGet(() -> new UnknownSkill(skill, riskSkills())));
        if (s.kind() != Skill.Kind.RISK_BRIEFING) throw new UnknownSkill(skill, riskSkills());
        return BriefingSpec.from(s);
    }

    public java.util.Optional<Skill> skill(String name) {
        return skills.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The risk skills' learned churn models (trained on demand, stored in the app store). */
    public synchronized ChurnModels models() {
        if (models == null) models = new ChurnModels(engine.queries(), engine.store().dataSource());
        return models;
    }

    public io.clarion.engine.QueryService queries() {
        return engine.queries();
    }

    public List<String> riskSkills() {
        return skills.stream().filter(s -> s.kind() == Skill.Kind.RISK_BRIEFING).map(Skill::name).toList();
    }

    /** Raised for a skill name that is not a risk-briefing skill; the message lists those that are. */
    public static final class UnknownSkill extends IllegalArgumentException {
        public UnknownSkill(String name, List<String> known) {
            super("no briefing skill " + name + " (known: " + String.join(", ", known) + ")");
        }

        UnknownSkill(String message) {
            super(message);
        }
    }

    /**
     * Builds and stores the cycle and starts sending in the background (the server's trigger:
     * a long send does not hold the request, and a stop leaves the rest for the next start).
     * Returns the report and how many deliveries are queued.
     */
    public Started start(String skill, LocalDate asOf, boolean dryRun) {
        return start(Principal.SYSTEM, skill, asOf, dryRun);
    }

    /** As {@link #start(String, LocalDate, boolean)}, audited as run by {@code by}. */
    public Started start(Principal by, String skill, LocalDate asOf, boolean dryRun) {
        BriefingRun.Report report = build(by, skill, asOf, dryRun, line -> { });
        int queued = 0;
        if (!dryRun) {
            queued = report.briefings().stream().mapToInt(BriefingRun.Built::queued).sum();
            try {
                sending.submit(worker::deliverDue);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // stopping: the stored briefings are sent by the next start's delivery job
            }
        }
        return new Started(report, queued);
    }

    public record Started(BriefingRun.Report report, int deliveriesQueued) {
    }

    /** Builds and stores the cycle; then, unless it is a dry run, sends what is due and waits for it. */
    public Outcome run(String skill, LocalDate asOf, boolean dryRun) {
        return run(skill, asOf, dryRun, line -> { });
    }

    public Outcome run(String skill, LocalDate asOf, boolean dryRun, java.util.function.Consumer<String> progress) {
        BriefingRun.Report report = build(Principal.SYSTEM, skill, asOf, dryRun, progress);
        DeliveryWorker.Totals sent = dryRun ? new DeliveryWorker.Totals(0, 0, 0) : deliverDue();
        return new Outcome(report, sent);
    }

    /**
     * Builds the cycle; a real run stores it with its audit row in one transaction (see
     * {@link BriefingRun.Audit}), a dry run stores nothing and writes its row after. A failure is
     * audited too, when the audit log can still be written.
     */
    private BriefingRun.Report build(Principal by, String skill, LocalDate asOf, boolean dryRun,
                                     java.util.function.Consumer<String> progress) {
        long start = System.nanoTime();
        try {
            BriefingRun.Audit audit = (c, cycle, owners, flagged) -> engine.audit().record(c, new AuditLog.Event(
                    AuditLog.Kind.BRIEFING_RUN, "briefing", by, skill + " " + cycle, null, null, flagged, AuditLog.millisSince(start),
                    "ok", owners + " owner briefings, " + flagged + " accounts flagged"));
            BriefingRun.Report r = buildCycle(skill, asOf, dryRun, progress, audit);
            if (dryRun) {
                audit(by, skill, r.cycle() + " (dry run)", r.flagged(), start, "dry_run",
                        r.briefings().size() + " owner briefings, " + r.flagged() + " accounts flagged");
            }
            return r;
        } catch (RuntimeException e) {
            try {
                audit(by, skill, asOf == null ? null : asOf.toString(), null, start, "error", e.getMessage());
            } catch (RuntimeException unaudited) {
                e.addSuppressed(unaudited);
            }
            throw e;
        }
    }

    private void audit(Principal by, String skill, String cycle, Integer rows, long start, String outcome,
                       String message) {
        engine.audit().event(AuditLog.Kind.BRIEFING_RUN, "briefing", by, skill + (cycle == null ? "" : " " + cycle), rows, start,
                outcome, message);
    }

    private BriefingRun.Report buildCycle(String skill, LocalDate asOf, boolean dryRun, java.util.function.Consumer<String> progress,
                                          BriefingRun.Audit audit) {
        // The what-changed skill, when there is one, gives every briefing its "what changed" section.
        var whatChanged = skills.stream().filter(s -> s.kind() == Skill.Kind.WHAT_CHANGED).findFirst()
                .flatMap(Skill::whatChangedSpec).orElse(null);
        BriefingSpec spec = spec(skill);
        List<String> unsent = spec.channels().stream().filter(c -> !configuredChannels.contains(c)).toList();
        BriefingSpec sendable = spec.withChannels(spec.channels().stream().filter(configuredChannels::contains).toList());
        BriefingRun.Report r = new BriefingRun(engine.queries(), store, feedback, models(), audit)
                .run(sendable, asOf, dryRun, whatChanged, progress);
        return r.withNotes(unsent.stream().map(c -> c.equals("email")
                ? "email is not configured (clarion.mail.host): briefings are stored, not emailed"
                : "Slack is not configured (clarion.slack.bot-token or clarion.slack.webhook-url): briefings are stored, not posted").toList());
    }

    public record Outcome(BriefingRun.Report report, DeliveryWorker.Totals deliveries) {
    }

    /** Sends what is due on the delivery thread and waits for it. */
    public DeliveryWorker.Totals deliverDue() {
        try {
            return sending.submit(worker::deliverDue).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped while sending; what was not sent is sent later", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("sending briefings failed: " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new IllegalStateException("briefings are stopping; what was not sent is sent later", e);
        }
    }

    public Backtest.Result backtest(String skill, int weeks, int horizonDays, Backtest.Progress progress) {
        return new Backtest(engine.queries()).run(spec(skill).model(), weeks, horizonDays, progress);
    }

    /** Starts Quartz with one job per risk skill, one per scheduled model retraining, and the delivery retry job. */
    public void startScheduler(String instanceName, Duration deliveryInterval) {
        List<BriefingScheduler.Schedule> schedules = new ArrayList<>();
        for (Skill s : skills) {
            if (s.kind() != Skill.Kind.RISK_BRIEFING || s.schedule() == null) continue;
            schedules.add(new BriefingScheduler.Schedule(s.name(), s.schedule().cron(), s.schedule().timezone(),
                    s.schedule().misfire() == Skill.Misfire.FIRE_ONCE_NOW));
        }
        scheduler = BriefingScheduler.start(engine.store().dataSource(), instanceName, schedules, retrainings(skills),
                new BriefingScheduler.Work() {
                    @Override
                    public void retrain(String skill, java.util.Date firedFor) {
                        long t0 = System.nanoTime();
                        io.clarion.model.TrainedModel m = models().train(spec(skill), null, line -> { });
                        LOG.infof("scheduled retraining of %s for %s on %s: %s in %d ms; %s", skill, firedFor.toInstant(),
                                ManagementFactory.getRuntimeMXBean().getName(), m.describe(), (System.nanoTime() - t0) / 1_000_000,
                                m.gate().reason());
                    }

                    @Override
                    public void runSkill(String skill, java.util.Date firedFor) {
                        Outcome o = run(skill, null, false);
                        LOG.infof("scheduled run of %s for %s on %s: cycle %s, built %d, already built %d; sent %d, to retry %d, failed %d",
                                skill, firedFor.toInstant(), ManagementFactory.getRuntimeMXBean().getName(), o.report().cycle(), o.report().built(), o.report().existing(),
                                o.deliveries().sent(), o.deliveries().retrying(), o.deliveries().failed());
                    }

                    @Override
                    public void deliverDue() {
                        Briefings.this.deliverDue();
                    }
                }, deliveryInterval);
    }

    /** Fires the skill's retraining job now on the started scheduler, as its schedule would. */
    void fireRetraining(String skill) {
        if (scheduler == null) throw new IllegalStateException("the scheduler is not started");
        scheduler.fireRetraining(skill);
    }

    /** Each risk skill's model retraining schedule, in the skill's schedule time zone (UTC without one). */
    static List<BriefingScheduler.Retraining> retrainings(List<Skill> skills) {
        List<BriefingScheduler.Retraining> out = new ArrayList<>();
        for (Skill s : skills) {
            if (s.kind() != Skill.Kind.RISK_BRIEFING || s.model() == null || s.model().retrain() == null) continue;
            out.add(new BriefingScheduler.Retraining(s.name(), s.model().retrain(),
                    s.schedule() == null ? java.time.ZoneOffset.UTC : s.schedule().timezone()));
        }
        return out;
    }

    /** When each risk skill's model is next retrained (skills without a retraining schedule are left out). */
    public Map<String, java.util.Date> nextRetrainings() {
        Map<String, java.util.Date> out = new java.util.LinkedHashMap<>();
        if (scheduler != null) {
            for (String s : riskSkills()) {
                java.util.Date d = scheduler.nextRetraining(s);
                if (d != null) out.put(s, d);
            }
        }
        return out;
    }

    public Map<String, java.util.Date> nextRuns() {
        Map<String, java.util.Date> out = new java.util.LinkedHashMap<>();
        if (scheduler != null) for (String s : riskSkills()) out.put(s, scheduler.nextFire(s));
        return out;
    }

    /** Stops sending (the delivery in flight is finished and recorded), then the scheduler. */
    @Override
    public void close() {
        worker.stop();
        sending.shutdown();
        try {
            sending.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (scheduler != null) scheduler.close();
    }
}
