package io.clarion.agent.llm;

import io.clarion.retry.Retrying;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * LangChain4j's HTTP client interface on the JDK's HttpClient. LangChain4j ships one, but its
 * errors keep only the status and body; retrying well needs the Retry-After header, so failures
 * here are {@link LlmHttpException}s that carry it. The read timeout bounds the whole exchange
 * (request to last byte), not only the wait for headers. No streaming: the agent does not stream.
 */
final class LlmHttpClient implements HttpClient {
    private static final Logger LOG = Logger.getLogger(LlmHttpClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    // Headers the JDK client sets itself and refuses from callers.
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private final java.net.http.HttpClient http;
    private final Duration timeout;

    private LlmHttpClient(Duration connectTimeout, Duration timeout) {
        // HTTP/1.1: what Ollama and most compatible servers speak; no h2c upgrade surprises.
        this.http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout).build();
        this.timeout = timeout;
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        request.headers().forEach((k, vs) -> {
            if (!RESTRICTED.contains(k.toLowerCase(java.util.Locale.ROOT))) vs.forEach(v -> b.header(k, v));
        });
        String body = request.body();
        b.method(request.method().name(), body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> r;
        try {
            r = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new LlmHttpException(0, "no reply within " + seconds(timeout), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                throw new LlmHttpException(0, "no reply within " + seconds(timeout), null);
            }
            if (cause instanceof ConnectException) {
                throw new LlmHttpException(0, "cannot connect to " + URI.create(request.url()).getAuthority(), null);
            }
            throw new LlmHttpException(0, "the connection to the model endpoint failed", null);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new LlmHttpException(-1, "interrupted", null);
        }
        if (r.statusCode() >= 300) {
            LOG.debugf("model endpoint answered HTTP %d: %s", r.statusCode(), errorMessage(r.body()));
            throw new LlmHttpException(r.statusCode(), "HTTP " + r.statusCode() + " from the model endpoint", Retrying.retryAfter(r).orElse(null));
        }
        return SuccessfulHttpResponse.builder().statusCode(r.statusCode()).headers(r.headers().map()).body(r.body()).build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("the chat agent does not stream");
    }

    private static String errorMessage(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            String m = n.path("error").path("message").asText(n.path("error").asText(""));
            return m.length() > 200 ? m.substring(0, 200) : m;
        } catch (Exception e) {
            return "";
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static final class Builder implements HttpClientBuilder {
        private Duration connect = Duration.ofSeconds(10);
        private Duration read = Duration.ofSeconds(60);

        @Override
        public Duration connectTimeout() {
            return connect;
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration d) {
            if (d != null) connect = d;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return read;
        }

        @Override
        public HttpClientBuilder readTimeout(Duration d) {
            if (d != null) read = d;
            return this;
        }

        @Override
        public HttpClient build() {
            return new LlmHttpClient(connect, read);
        }
    }
}
