package io.clarion.agent.llm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to reach the LLM ({@code clarion.llm.*}) and how hard to try. No base URL means no LLM:
 * the chat is offline only.
 *
 * @param timeout       one model call, request to last byte of the reply
 * @param maxRetries    further attempts after a failed call (timeouts, 429, 5xx)
 * @param maxToolRounds model replies with tool calls allowed per question
 * @param backoff       first wait between attempts; doubled each time
 * @param maxRetryWait  the longest wait we accept, including a server's Retry-After
 */
public record LlmSettings(String baseUrl, String apiKey, String model, Duration timeout, int maxRetries,
                          int maxToolRounds, Duration backoff, Duration maxRetryWait, Path promptsDir) {
    public static final String DEFAULT_MODEL = "gpt-4o-mini";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_RETRY_WAIT = Duration.ofSeconds(10);

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)?");

    public LlmSettings {
        if (maxRetries < 0) throw new IllegalArgumentException("clarion.llm.max-retries must be 0 or more");
        if (maxToolRounds < 1) throw new IllegalArgumentException("clarion.llm.max-tool-rounds must be 1 or more");
        if (timeout.isZero() || timeout.isNegative()) throw new IllegalArgumentException("clarion.llm.timeout must be positive");
    }

    /** The settings when {@code clarion.llm.base-url} is set; IllegalArgumentException names a bad value. */
    public static Optional<LlmSettings> from(Function<String, Optional<String>> config) {
        Optional<String> url = config.apply("clarion.llm.base-url").map(String::strip).filter(s -> !s.isEmpty());
        if (url.isEmpty()) return Optional.empty();
        Duration timeout = config.apply("clarion.llm.timeout").map(v -> duration("clarion.llm.timeout", v))
                .or(() -> config.apply("clarion.llm.timeout-ms").map(v -> duration("clarion.llm.timeout-ms", v + "ms")))
                .orElse(DEFAULT_TIMEOUT);
        return Optional.of(new LlmSettings(url.get(),
                config.apply("clarion.llm.api-key").filter(s -> !s.isBlank()).orElse("none"),
                config.apply("clarion.llm.model").filter(s -> !s.isBlank()).orElse(DEFAULT_MODEL),
                timeout,
                integer(config, "clarion.llm.max-retries", 2),
                integer(config, "clarion.llm.max-tool-rounds", 6),
                DEFAULT_BACKOFF, DEFAULT_MAX_RETRY_WAIT,
                Path.of(config.apply("clarion.prompts.dir").filter(s -> !s.isBlank()).orElse("prompts"))));
    }

    /** "20s", "1500ms", "2m", ISO "PT20S", or a bare number of seconds. */
    static Duration duration(String key, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("pt")) {
            try {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(key + " is not a duration: \"" + value + "\" (e.g. 20s, 1500ms)");
            }
        }
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) throw new IllegalArgumentException(key + " is not a duration: \"" + value + "\" (e.g. 20s, 1500ms)");
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return unit.equals("ms") ? Duration.ofMillis(n) : unit.equals("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
    }

    private static int integer(Function<String, Optional<String>> config, String key, int fallback) {
        Optional<String> v = config.apply(key).map(String::strip).filter(s -> !s.isEmpty());
        if (v.isEmpty()) return fallback;
        try {
            return Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not \"" + v.get() + "\"");
        }
    }
}
