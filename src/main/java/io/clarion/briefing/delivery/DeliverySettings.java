package io.clarion.briefing.delivery;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How briefings are delivered: the SMTP server ({@code clarion.mail.*}), Slack
 * ({@code clarion.slack.*}) and how hard each send tries ({@code clarion.delivery.*}).
 * A channel without its settings is simply not configured; its sender reports that as a
 * permanent failure rather than failing at start-up.
 */
public record DeliverySettings(Mail mail, Slack slack, Retry retry) {
    public static final int DEFAULT_SMTP_PORT = 25;
    public static final String DEFAULT_FROM = "clarion@localhost";
    public static final URI DEFAULT_SLACK_BASE_URL = URI.create("https://slack.com/api");
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(2);
    /** Backoff doubles per attempt up to this. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(120);

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)?");

    /** Whether a mail server must, may or must not be spoken to over STARTTLS. */
    public enum StartTls {
        OPTIONAL, REQUIRED, DISABLED
    }

    /** The SMTP server; no host means email is not configured. */
    public record Mail(Optional<String> host, int port, String from, Optional<String> username,
                       Optional<String> password, StartTls startTls) {
        public Mail {
            if (port < 1 || port > 65_535) throw new IllegalArgumentException("clarion.mail.port must be between 1 and 65535, got " + port);
        }

        public boolean configured() {
            return host.isPresent();
        }

        @Override
        public String toString() { // keeps the password out of logs
            return "Mail[host=" + host.orElse("-") + ", port=" + port + ", from=" + from + ", username="
                    + username.orElse("-") + ", password=" + (password.isPresent() ? "***" : "-") + ", startTls=" + startTls + "]";
        }
    }

    /**
     * Slack: with a bot token, chat.postMessage to each owner's user id under {@code baseUrl};
     * otherwise, with a webhook URL, every message goes to that one incoming webhook.
     */
    public record Slack(Optional<URI> webhookUrl, Optional<String> botToken, URI baseUrl) {
        public boolean configured() {
            return botToken.isPresent() || webhookUrl.isPresent();
        }

        public boolean usesBotToken() {
            return botToken.isPresent();
        }

        @Override
        public String toString() { // webhook URLs and tokens are credentials
            return "Slack[webhookUrl=" + (webhookUrl.isPresent() ? "***" : "-") + ", botToken="
                    + (botToken.isPresent() ? "***" : "-") + ", baseUrl=" + baseUrl + "]";
        }
    }

    /**
     * @param maxAttempts   attempts per send, the first included
     * @param backoff       first wait between attempts; doubled each time up to {@link #MAX_BACKOFF}
     * @param timeout       one attempt: connecting, and waiting for each reply
     * @param maxRetryAfter the longest Retry-After waited for in-process; a longer one ends the send
     *                      with a retryable failure that carries it, for the caller to reschedule
     */
    public record Retry(int maxAttempts, Duration backoff, Duration timeout, Duration maxRetryAfter) {
        public Retry {
            if (maxAttempts < 1) throw new IllegalArgumentException("clarion.delivery.max-attempts must be 1 or more, got " + maxAttempts);
            if (!positive(backoff)) throw new IllegalArgumentException("clarion.delivery.backoff must be positive");
            if (backoff.compareTo(MAX_BACKOFF) > 0) {
                throw new IllegalArgumentException("clarion.delivery.backoff must be at most " + MAX_BACKOFF.toSeconds() + "s, got " + backoff.toSeconds() + "s");
            }
            if (!positive(timeout)) throw new IllegalArgumentException("clarion.delivery.timeout must be positive");
            if (maxRetryAfter.isNegative()) throw new IllegalArgumentException("clarion.delivery.max-retry-after must not be negative");
        }

        public static Retry defaults() {
            return new Retry(DEFAULT_MAX_ATTEMPTS, DEFAULT_BACKOFF, DEFAULT_TIMEOUT, DEFAULT_MAX_RETRY_AFTER);
        }

        private static boolean positive(Duration d) {
            return !d.isZero() && !d.isNegative();
        }
    }

    /** Reads the settings; an IllegalArgumentException names the setting and the bad value. */
    public static DeliverySettings from(Function<String, Optional<String>> config) {
        Function<String, Optional<String>> c = key -> config.apply(key).map(String::strip).filter(s -> !s.isEmpty());
        String from = c.apply("clarion.mail.from").orElse(DEFAULT_FROM);
        try {
            new InternetAddress(from, true).validate();
        } catch (AddressException e) {
            throw new IllegalArgumentException("clarion.mail.from must be an email address, got '" + from + "'");
        }
        Mail mail = new Mail(c.apply("clarion.mail.host"),
                c.apply("clarion.mail.port").map(v -> integer("clarion.mail.port", v)).orElse(DEFAULT_SMTP_PORT),
                from,
                c.apply("clarion.mail.username"),
                config.apply("clarion.mail.password").filter(s -> !s.isEmpty()), // a password may have spaces
                c.apply("clarion.mail.start-tls").map(DeliverySettings::startTls).orElse(StartTls.OPTIONAL));
        Slack slack = new Slack(c.apply("clarion.slack.webhook-url").map(v -> url("clarion.slack.webhook-url", v)),
                c.apply("clarion.slack.bot-token"),
                c.apply("clarion.slack.base-url").map(v -> url("clarion.slack.base-url", v)).orElse(DEFAULT_SLACK_BASE_URL));
        Retry retry = new Retry(
                c.apply("clarion.delivery.max-attempts").map(v -> integer("clarion.delivery.max-attempts", v)).orElse(DEFAULT_MAX_ATTEMPTS),
                c.apply("clarion.delivery.backoff").map(v -> duration("clarion.delivery.backoff", v)).orElse(DEFAULT_BACKOFF),
                c.apply("clarion.delivery.timeout").map(v -> duration("clarion.delivery.timeout", v)).orElse(DEFAULT_TIMEOUT),
                c.apply("clarion.delivery.max-retry-after").map(v -> duration("clarion.delivery.max-retry-after", v))
                        .orElse(DEFAULT_MAX_RETRY_AFTER));
        return new DeliverySettings(mail, slack, retry);
    }

    /** "2s", "500ms", "1m", ISO "PT2S", or a bare number of seconds. */
    static Duration duration(String key, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        String problem = key + " must be a duration such as 2s or 500ms, got '" + value + "'";
        if (v.startsWith("pt")) {
            try {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(problem);
            }
        }
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) throw new IllegalArgumentException(problem);
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(problem);
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        return unit.equals("ms") ? Duration.ofMillis(n) : unit.equals("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + value + "'");
        }
    }

    private static StartTls startTls(String value) {
        try {
            return StartTls.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("clarion.mail.start-tls must be optional, required or disabled, got '" + value + "'");
        }
    }

    private static URI url(String key, String value) {
        try {
            URI u = new URI(value);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) return u;
        } catch (URISyntaxException e) {
            // reported below
        }
        // The value itself may be a secret (a webhook URL), so only its start is shown.
        String shown = value.length() > 24 ? value.substring(0, 24) + "…" : value;
        throw new IllegalArgumentException(key + " must be an http(s) URL, got '" + shown + "'");
    }
}
