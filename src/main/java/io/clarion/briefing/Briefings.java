package io.clarion.briefing;

import io.clarion.briefing.delivery.DeliverySettings;
import io.clarion.briefing.delivery.EmailSender;
import io.clarion.briefing.delivery.SlackSender;
import io.clarion.briefing.feedback.FeedbackLinks;
import io.clarion.briefing.feedback.FeedbackPage;
import io.clarion.briefing.feedback.FeedbackService;
import io.clarion.briefing.skill.Skill;
import io.clarion.briefing.skill.SkillLoader;
import io.clarion.warehouse.Engine;

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
    public static final String SKILLS_DIR_KEY = "clarion.skills.dir";

    private final Engine engine;
    private final List<Skill> skills;
    private final BriefingStore store;
    private final FeedbackService feedback;
    private final BriefingRenderer renderer;
    private final DeliveryWorker worker;
    private BriefingScheduler scheduler;

    private Briefings(Engine engine, List<Skill> skills, BriefingStore store, FeedbackService feedback,
                      BriefingRenderer renderer, DeliveryWorker worker) {
        this.engine = engine;
        this.skills = skills;
        this.store = store;
        this.feedback = feedback;
        this.renderer = renderer;
        this.worker = worker;
    }

    public static Briefings assemble(Engine engine, Function<String, Optional<String>> config) {
        Path skillsDir = Path.of(config.apply(SKILLS_DIR_KEY).orElse("skills"));
        Path templatesDir = FeedbackPage.templatesDir(config);
        List<Skill> skills = List.of();
        if (Files.isDirectory(skillsDir)) {
            SkillLoader.LoadResult r = SkillLoader.load(skillsDir, templatesDir, engine.catalog());
            if (!r.ok()) {
                throw new Engine.StartupException("the skills in " + skillsDir + " are invalid (" + r.errors().size()
                        + " errors):\n" + r.report(), null);
            }
            skills = r.skills();
        }
        var ds = engine.warehouse().dataSource();
        DeliverySettings delivery;
        try {
            delivery = DeliverySettings.from(config);
        } catch (IllegalArgumentException e) {
            throw new Engine.StartupException("invalid delivery settings: " + e.getMessage(), e);
        }
        FeedbackLinks links = FeedbackLinks.create(ds, config);
        BriefingStore store = new BriefingStore(ds);
        BriefingRenderer renderer = new BriefingRenderer(new Templates(templatesDir), links::url);
        List<Skill> loaded = skills;
        DeliveryWorker worker = new DeliveryWorker(store, renderer,
                name -> loaded.stream().filter(s -> s.name().equals(name)).findFirst().map(s -> BriefingSpec.from(s).templates()),
                DeliveryWorker.senders(new EmailSender(delivery), new SlackSender(delivery)),
                ManagementFactory.getRuntimeMXBean().getName(), DeliveryWorker.Policy.DEFAULT);
        return new Briefings(engine, skills, store, new FeedbackService(ds), renderer, worker);
    }

    public List<Skill> skills() {
        return skills;
    }

    public BriefingStore store() {
        return store;
    }

    public BriefingRenderer renderer() {
        return renderer;
    }

    /** The risk-briefing skill of that name, or a clear error naming the ones there are. */
    public BriefingSpec spec(String skill) {
        Skill s = skills.stream().filter(x -> x.name().equals(skill)).findFirst()
                .orElseThrow(() -> new UnknownSkill(skill, riskSkills()));
        if (s.kind() != Skill.Kind.RISK_BRIEFING) throw new UnknownSkill(skill, riskSkills());
        return BriefingSpec.from(s);
    }

    public List<String> riskSkills() {
        return skills.stream().filter(s -> s.kind() == Skill.Kind.RISK_BRIEFING).map(Skill::name).toList();
    }

    /** Raised for a skill name that is not a risk-briefing skill; the message lists those that are. */
    public static final class UnknownSkill extends IllegalArgumentException {
        public UnknownSkill(String name, List<String> known) {
            super("no briefing skill " + name + " (known: " + String.join(", ", known) + ")");
        }
    }

    /** Builds and stores the cycle; then, unless it is a dry run, sends what is due. */
    public Outcome run(String skill, LocalDate asOf, boolean dryRun) {
        // The what-changed skill, when there is one, gives every briefing its "what changed" section.
        var whatChanged = skills.stream().filter(s -> s.kind() == Skill.Kind.WHAT_CHANGED).findFirst()
                .flatMap(Skill::whatChangedSpec).orElse(null);
        BriefingRun.Report report = new BriefingRun(engine.queries(), store, feedback).run(spec(skill), asOf, dryRun, whatChanged);
        DeliveryWorker.Totals sent = dryRun ? new DeliveryWorker.Totals(0, 0, 0) : worker.deliverDue();
        return new Outcome(report, sent);
    }

    public record Outcome(BriefingRun.Report report, DeliveryWorker.Totals deliveries) {
    }

    public DeliveryWorker.Totals deliverDue() {
        return worker.deliverDue();
    }

    public Backtest.Result backtest(String skill, int weeks, int horizonDays, Backtest.Progress progress) {
        return new Backtest(engine.queries()).run(spec(skill).model(), weeks, horizonDays, progress);
    }

    /** Starts Quartz with one job per risk skill and the delivery retry job. */
    public void startScheduler(String instanceName, Duration deliveryInterval) {
        List<BriefingScheduler.Schedule> schedules = new ArrayList<>();
        for (Skill s : skills) {
            if (s.kind() != Skill.Kind.RISK_BRIEFING || s.schedule() == null) continue;
            schedules.add(new BriefingScheduler.Schedule(s.name(), s.schedule().cron(), s.schedule().timezone(),
                    s.schedule().misfire() == Skill.Misfire.FIRE_ONCE_NOW));
        }
        scheduler = BriefingScheduler.start(engine.warehouse().dataSource(), instanceName, schedules,
                new BriefingScheduler.Work() {
                    @Override
                    public void runSkill(String skill) {
                        run(skill, null, false);
                    }

                    @Override
                    public void deliverDue() {
                        worker.deliverDue();
                    }
                }, deliveryInterval);
    }

    public Map<String, java.util.Date> nextRuns() {
        Map<String, java.util.Date> out = new java.util.LinkedHashMap<>();
        if (scheduler != null) for (String s : riskSkills()) out.put(s, scheduler.nextFire(s));
        return out;
    }

    @Override
    public void close() {
        if (scheduler != null) scheduler.close();
    }
}
