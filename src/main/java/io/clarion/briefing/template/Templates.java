package io.clarion.briefing.template;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.JsonEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.Variant;

import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Qute templates in {@code briefings/}, read from disk so the server and the command line
 * render the same files. Output is escaped by the file's type: HTML for {@code .html}, JSON
 * string content for {@code .json}, nothing for text. A file edited on disk is read again at its
 * next use, so template changes show without a restart.
 */
public final class Templates {
    public static final String DIR_KEY = "clarion.briefings.dir";
    private final Path dir;
    private final Engine engine;
    private final Map<String, FileTime> readAt = new ConcurrentHashMap<>();

    /** The templates folder: {@code clarion.briefings.dir}, {@code briefings} by default. */
    public static Path dir(Function<String, Optional<String>> config) {
        return Path.of(config.apply(DIR_KEY).orElse("briefings"));
    }

    public Templates(Path dir) {
        this.dir = dir;
        this.engine = Engine.builder()
                .addDefaults()
                .addValueResolver(new ReflectionValueResolver())
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                .addResultMapper(new JsonEscaper())
                .addLocator(this::locate)
                .build();
    }

    public Path dir() {
        return dir;
    }

    public boolean exists(String name) {
        return Files.isRegularFile(dir.resolve(name));
    }

    public String render(String name, Map<String, Object> data) {
        FileTime modified = modified(name);
        FileTime before = modified == null ? null : readAt.put(name, modified);
        if (before != null && !before.equals(modified)) engine.removeTemplates(name::equals);
        Template t = engine.getTemplate(name);
        if (t == null) {
            throw new IllegalStateException("no template " + name + " in " + dir.toAbsolutePath()
                    + " (set " + DIR_KEY + " to the folder holding it)");
        }
        var instance = t.instance();
        data.forEach(instance::data);
        return instance.render();
    }

    private FileTime modified(String name) {
        try {
            return Files.getLastModifiedTime(dir.resolve(name));
        } catch (IOException e) {
            return null;
        }
    }

    private Optional<TemplateLocator.TemplateLocation> locate(String name) {
        Path file = dir.resolve(name).normalize();
        if (!file.startsWith(dir.normalize()) || !Files.isRegularFile(file)) return Optional.empty();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file + ": " + e.getMessage(), e);
        }
        String type = name.endsWith(".html") ? Variant.TEXT_HTML
                : name.endsWith(".json") ? Variant.APPLICATION_JSON : Variant.TEXT_PLAIN;
        return Optional.of(new TemplateLocator.TemplateLocation() {
            @Override
            public java.io.Reader read() {
                return new StringReader(text);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(new Variant(java.util.Locale.ROOT, StandardCharsets.UTF_8, type));
            }
        });
    }
}
