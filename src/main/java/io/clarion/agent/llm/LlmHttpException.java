package io.clarion.agent.llm;

import dev.langchain4j.exception.HttpException;

import java.time.Duration;

/**
 * A failed call to the model endpoint, as {@link LlmHttpClient} saw it: the HTTP status (0 when
 * no reply came: timeout, connection refused), a short reason for people, and the server's
 * Retry-After (null when absent). LangChain4j keeps it as the cause of its own exceptions.
 */
public class LlmHttpException extends HttpException {
    private final Duration retryAfter;

    public LlmHttpException(int status, String message, Duration retryAfter) {
        super(status, message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Worth another attempt: no reply, request timeout, rate limit, server error. */
    public boolean retriable() {
        int s = statusCode();
        return s == 0 || s == 408 || s == 429 || s >= 500;
    }
}
