package dev.aioskill.agent;

import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import dev.aioskill.config.Secrets;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A model call that failed after the SDK's last attempt. The message is one line a user can act on
 * ("the model server answered 429 Too Many Requests after 4 attempts; wait and try again, or lower the
 * request rate"); it never carries the key or the request body. The SDK exception stays attached as the
 * cause for debugging.
 */
public final class ModelCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that react differently (the structured-output ladder steps down on 400). */
    public enum Kind {
        BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, RATE_LIMITED, SERVER_ERROR, OTHER_STATUS,
        TIMEOUT, CONNECTION_REFUSED, CONNECTION_RESET, UNKNOWN_HOST, IO, INVALID_RESPONSE
    }

    private final Kind kind;
    private final int status;

    private ModelCallException(Kind kind, int status, String message, Throwable cause) {
        super(Secrets.mask(message), cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status the server answered with, when it answered. */
    public Optional<Integer> status() {
        return status > 0 ? Optional.of(status) : Optional.empty();
    }

    /**
     * Translates whatever a model call threw into a typed failure. Exceptions that are not about reaching
     * the model (a bug, a tool-loop limit) are returned unchanged.
     *
     * @param error      what the call threw
     * @param settings   the settings the model was built with (for the attempt count and the timeout), or
     *                   null for a model an embedding app brought
     */
    public static RuntimeException translate(Throwable error, ModelSettings settings) {
        if (error instanceof ModelCallException already) {
            return already;
        }
        int attempts = settings == null ? 0 : settings.maxRetries() + 1;
        OpenAIServiceException service = find(error, OpenAIServiceException.class);
        if (service != null) {
            return fromStatus(service.statusCode(), serverMessage(service.getMessage()), service, attempts);
        }
        RuntimeException otherModule = fromLangChain4j(error, settings, attempts);
        if (otherModule != null) {
            return otherModule;
        }
        if (find(error, OpenAIIoException.class) != null || find(error, java.io.IOException.class) != null) {
            return fromIo(error, settings, attempts);
        }
        if (error.getClass().getName().startsWith("com.openai.errors.")) {
            return new ModelCallException(Kind.INVALID_RESPONSE, 0,
                    "the model server sent an answer the OpenAI client cannot read (" + firstLine(error.getMessage())
                            + "); check that OPENAI_BASE_URL points at an OpenAI-compatible /v1 endpoint", error);
        }
        return error instanceof RuntimeException runtime ? runtime : new IllegalStateException(error);
    }

    /**
     * A model from another LangChain4j module (Ollama, the community OpenAI module) reports failures in
     * LangChain4j's own types: an HttpException with the status somewhere in the chain, or a typed one.
     */
    private static RuntimeException fromLangChain4j(Throwable error, ModelSettings settings, int attempts) {
        HttpException http = find(error, HttpException.class);
        if (http != null) {
            return fromStatus(http.statusCode(), serverMessage(http.getMessage()), error, attempts);
        }
        if (find(error, dev.langchain4j.exception.TimeoutException.class) != null) {
            return fromIo(new SocketTimeoutException("timeout"), settings, attempts, error);
        }
        int code = error instanceof dev.langchain4j.exception.RateLimitException ? 429
                : error instanceof AuthenticationException ? 401
                : error instanceof ModelNotFoundException ? 404
                : error instanceof dev.langchain4j.exception.InternalServerException ? 500
                : error instanceof InvalidRequestException ? 400
                : 0;
        return code == 0 ? null : fromStatus(code, serverMessage(error.getMessage()), error, attempts);
    }

    private static ModelCallException fromStatus(int code, String detail, Throwable service, int attempts) {
        return switch (code) {
            case 400 -> new ModelCallException(Kind.BAD_REQUEST, code,
                    "the model server rejected the request with 400 Bad Request" + detail, service);
            case 401 -> new ModelCallException(Kind.UNAUTHORIZED, code,
                    "the model server answered 401 Unauthorized; check OPENAI_API_KEY" + detail, service);
            case 403 -> new ModelCallException(Kind.FORBIDDEN, code,
                    "the model server answered 403 Forbidden; the key may lack access to this model" + detail, service);
            case 404 -> new ModelCallException(Kind.NOT_FOUND, code,
                    "the model server answered 404 Not Found; check AIOSKILL_MODEL and that OPENAI_BASE_URL ends in /v1"
                            + detail, service);
            case 429 -> new ModelCallException(Kind.RATE_LIMITED, code,
                    "the model server answered 429 Too Many Requests" + after(attempts)
                            + "; wait and try again, or raise AIOSKILL_MAX_RETRIES" + detail, service);
            default -> code >= 500
                    ? new ModelCallException(Kind.SERVER_ERROR, code,
                            "the model server answered " + code + reason(code) + after(attempts) + detail, service)
                    : new ModelCallException(Kind.OTHER_STATUS, code, "the model server answered " + code + reason(code)
                            + (code == 408 || code == 409 ? after(attempts) : "") + detail, service);
        };
    }

    private static ModelCallException fromIo(Throwable error, ModelSettings settings, int attempts) {
        return fromIo(error, settings, attempts, error);
    }

    private static ModelCallException fromIo(Throwable error, ModelSettings settings, int attempts, Throwable cause) {
        String tries = after(attempts);
        if (find(error, SocketTimeoutException.class) != null || find(error, HttpTimeoutException.class) != null
                || timeoutMessage(error)) {
            String limit = settings == null ? "" : " after " + seconds(settings.timeout());
            return new ModelCallException(Kind.TIMEOUT, 0, "the model server timed out" + limit
                    + (attempts > 1 ? " (" + attempts + " attempts)" : "")
                    + "; raise AIOSKILL_TIMEOUT_SECONDS or use a faster model", cause);
        }
        if (find(error, ConnectException.class) != null || find(error, NoRouteToHostException.class) != null) {
            return new ModelCallException(Kind.CONNECTION_REFUSED, 0, "cannot connect to the model server"
                    + (settings == null ? "" : " at " + settings.effectiveBaseUrl()) + tries
                    + "; is it running? check OPENAI_BASE_URL", cause);
        }
        if (find(error, UnknownHostException.class) != null) {
            return new ModelCallException(Kind.UNKNOWN_HOST, 0, "the model server's host name does not resolve"
                    + (settings == null ? "" : " (" + settings.effectiveBaseUrl() + ")") + "; check OPENAI_BASE_URL", cause);
        }
        SocketException socket = find(error, SocketException.class);
        if (socket != null || resetMessage(error)) {
            return new ModelCallException(Kind.CONNECTION_RESET, 0,
                    "the model server reset the connection" + tries + "; try again later", cause);
        }
        return new ModelCallException(Kind.IO, 0, "the connection to the model server failed" + tries + " ("
                + firstLine(rootMessage(error)) + ")", cause);
    }

    private static String after(int attempts) {
        return attempts > 1 ? " after " + attempts + " attempts" : "";
    }

    private static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** The server's own error text, short and masked: useful ("model 'x' not found"), never the request. */
    private static String serverMessage(String message) {
        if (message == null) {
            return "";
        }
        // The SDK's message is "<status>: <server message>"; "null" when the body had no message.
        String text = message.replaceFirst("^\\d{3}:\\s*", "").strip();
        if (text.isEmpty() || text.equals("null")) {
            return "";
        }
        return " (" + firstLine(text) + ")";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no detail";
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }

    private static boolean timeoutMessage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException && t.getMessage() != null
                    && t.getMessage().toLowerCase(Locale.ROOT).contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    private static boolean resetMessage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("reset") || message.contains("unexpected end of stream")
                    || message.contains("Broken pipe"))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String reason(int code) {
        return switch (code) {
            case 408 -> " Request Timeout";
            case 409 -> " Conflict";
            case 422 -> " Unprocessable Entity";
            case 500 -> " Internal Server Error";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            case 504 -> " Gateway Timeout";
            default -> "";
        };
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
