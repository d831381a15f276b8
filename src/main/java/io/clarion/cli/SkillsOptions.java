package io.clarion.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --skills} and {@code --templates} for the briefing commands. */
public class SkillsOptions {
    @Option(names = "--skills", paramLabel = "DIR", description = "skills folder (default: clarion.skills.dir, else skills)")
    Path skills;

    @Option(names = "--templates", paramLabel = "DIR", description = "briefing templates (default: briefings beside the skills folder)")
    Path templates;

    void applyTo(WarehouseOptions warehouse) {
        warehouse.skillsDir = skills;
        warehouse.templatesDir = templates;
    }
}
