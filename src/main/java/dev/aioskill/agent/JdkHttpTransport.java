package dev.aioskill.agent;

import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpRequestBody;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIIoException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient.Version;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The OpenAI SDK's HTTP transport on the JDK's own HTTP client instead of OkHttp. Why: OkHttp leaves
 * Nagle's algorithm on and writes a request body larger than its 8 KB buffer in two writes, so the second
 * write waits for the server's delayed ACK, about 40 ms on Linux, on every review-sized request
 * (ModelOverheadBenchmark measured it). The JDK client sends with TCP_NODELAY. Retries stay the SDK's own:
 * the SDK wraps this transport in its retrying client, which retries the OpenAIIoException thrown here.
 * Nothing here logs a request or a header.
 */
final class JdkHttpTransport implements HttpClient {

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final java.net.http.HttpClient client;
    private final Duration timeout;

    JdkHttpTransport(Duration timeout) {
        this.timeout = timeout;
        this.client = java.net.http.HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions options) {
        try {
            java.net.http.HttpRequest jdkRequest = toJdk(request, options);
            return wrap(client.send(jdkRequest, java.net.http.HttpResponse.BodyHandlers.ofInputStream()), idle(options));
        } catch (IOException e) {
            throw new OpenAIIoException("Request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenAIIoException("Request interrupted", e);
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
        java.net.http.HttpRequest jdkRequest;
        try {
            jdkRequest = toJdk(request, options);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        Duration idle = idle(options);
        client.sendAsync(jdkRequest, java.net.http.HttpResponse.BodyHandlers.ofInputStream())
                .whenComplete((response, error) -> {
                    if (error == null) {
                        result.complete(wrap(response, idle));
                    } else {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        result.completeExceptionally(cause instanceof IOException
                                ? new OpenAIIoException("Request failed", cause) : cause);
                    }
                });
        return result;
    }

    @Override
    public void close() {
        // The JDK client has no close before Java 21; its threads are daemons and idle connections time out.
    }

    /** The longest silence allowed while reading a body: the request timeout. */
    private Duration idle(RequestOptions options) {
        Timeout requested = options.getTimeout();
        return requested != null && !requested.read().isZero() ? requested.read() : timeout;
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request, RequestOptions options) {
        URI uri = uri(request);
        Timeout requested = options.getTimeout();
        Duration limit = requested != null ? requested.request() : timeout;
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(uri);
        if (!limit.isZero()) {
            builder.timeout(limit);
        }
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            // No h2c upgrade attempt against plain-HTTP local servers.
            builder.version(Version.HTTP_1_1);
        }
        Headers headers = request.headers();
        for (String name : headers.names()) {
            if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : headers.values(name)) {
                builder.header(name, value);
            }
        }
        HttpRequestBody body = request.body();
        java.net.http.HttpRequest.BodyPublisher publisher = java.net.http.HttpRequest.BodyPublishers.noBody();
        if (body != null) {
            // Chat requests are small; one buffer is sent in one write.
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.contentLength() > 0 ? (int) body.contentLength() : 8192);
            body.writeTo(bytes);
            publisher = java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray());
            if (body.contentType() != null && !headers.names().contains("Content-Type")) {
                builder.header("Content-Type", body.contentType());
            }
        }
        return builder.method(request.method().name(), publisher).build();
    }

    private static URI uri(HttpRequest request) {
        StringBuilder url = new StringBuilder(request.baseUrl());
        while (url.length() > 0 && url.charAt(url.length() - 1) == '/') {
            url.setLength(url.length() - 1);
        }
        for (String segment : request.pathSegments()) {
            url.append('/').append(encode(segment).replace("+", "%20"));
        }
        char separator = '?';
        for (String key : request.queryParams().keys()) {
            for (String value : request.queryParams().values(key)) {
                url.append(separator).append(encode(key)).append('=').append(encode(value));
                separator = '&';
            }
        }
        return URI.create(url.toString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static HttpResponse wrap(java.net.http.HttpResponse<InputStream> response, Duration idle) {
        Headers.Builder headers = Headers.builder();
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            if (!header.getKey().startsWith(":")) {
                headers.put(header.getKey(), header.getValue());
            }
        }
        Headers built = headers.build();
        InputStream body = new IdleTimeoutInputStream(response.body(), idle);
        return new HttpResponse() {
            @Override
            public int statusCode() {
                return response.statusCode();
            }

            @Override
            public Headers headers() {
                return built;
            }

            @Override
            public InputStream body() {
                return body;
            }

            @Override
            public void close() {
                try {
                    body.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
