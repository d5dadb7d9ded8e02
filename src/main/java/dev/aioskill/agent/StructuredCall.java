package dev.aioskill.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.aioskill.config.Secrets;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.output.JsonSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured model call, generic over a Jackson-mapped target type, with the response-format ladder:
 * <ol>
 *   <li>{@code json_schema}: the type's JSON schema as the response format, sent only when the model
 *       declares {@link Capability#RESPONSE_FORMAT_JSON_SCHEMA};</li>
 *   <li>{@code json_object}, when the server answered 400 to the schema;</li>
 *   <li>{@code text}, when it answered 400 to that too: the prompt asks for JSON.</li>
 * </ol>
 * A step down is remembered, so a server that lacks json_schema costs one failed call per process, not per
 * request. Below json_schema the schema travels in the system message. The answer is parsed leniently
 * (code fences and prose around the object are ignored); when it still does not parse or fails the
 * caller's validation, the model is asked again once with the error.
 */
public final class StructuredCall {

    private static final Logger LOG = LoggerFactory.getLogger(StructuredCall.class);

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectMapper SCHEMA_WRITER = new ObjectMapper();

    private final ChatModel model;
    private final AtomicReference<ResponseFormatMode> rung;
    private final int reasks;

    /**
     * @param model     the model (normally a {@link MeteredChatModel})
     * @param firstRung where the ladder starts (AIOSKILL_RESPONSE_FORMAT)
     * @param reasks    how many times an unusable answer is asked again (0 or 1 in practice)
     */
    public StructuredCall(ChatModel model, ResponseFormatMode firstRung, int reasks) {
        this.model = Objects.requireNonNull(model, "model");
        Objects.requireNonNull(firstRung, "firstRung");
        if (reasks < 0) {
            throw new IllegalArgumentException("reasks must not be negative, was " + reasks);
        }
        boolean schemaSupported = model.supportedCapabilities().contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        this.rung = new AtomicReference<>(
                firstRung == ResponseFormatMode.JSON_SCHEMA && !schemaSupported ? ResponseFormatMode.JSON_OBJECT : firstRung);
        this.reasks = reasks;
    }

    /** Asks again once when the answer is unusable. */
    public StructuredCall(ChatModel model, ResponseFormatMode firstRung) {
        this(model, firstRung, 1);
    }

    /** The rung the next call starts on. */
    public ResponseFormatMode currentRung() {
        return rung.get();
    }

    /** Asks for an answer of the given type; the type's own shape is the only validation. */
    public <T> Structured<T> ask(List<ChatMessage> messages, Class<T> type) {
        return ask(messages, type, value -> Optional.empty());
    }

    /**
     * Asks for an answer of the given type.
     *
     * @param messages  the conversation: system and user messages that say what to answer
     * @param type      a record or bean Jackson can map
     * @param validator a problem with a parsed value ("mode is missing"), sent back to the model in the re-ask
     * @throws StructuredOutputException when no usable answer came after the re-asks
     * @throws ModelCallException        when the model could not be reached (or answered 400 on the last rung)
     */
    public <T> Structured<T> ask(List<ChatMessage> messages, Class<T> type, Function<T, Optional<String>> validator) {
        JsonSchema schema = JsonSchemas.jsonSchemaFrom(type).orElseThrow(
                () -> new IllegalArgumentException(type.getName() + " is not an object type a JSON schema can describe"));
        List<ChatMessage> conversation = new ArrayList<>(messages);
        ModelUsage usage = ModelUsage.NONE;
        int calls = 0;
        String problem = null;
        String text = null;
        for (int attempt = 0; attempt <= reasks; attempt++) {
            if (attempt > 0) {
                conversation.add(AiMessage.from(text == null ? "" : text));
                conversation.add(UserMessage.from("Your previous answer could not be used: " + problem
                        + ". Answer again with only one JSON object of the requested shape: no prose, no code fence."));
            }
            Answer answer = callOnLadder(conversation, schema);
            calls += answer.calls;
            usage = usage.plus(answer.usage);
            text = answer.response.aiMessage().text();
            try {
                T value = parse(text, type);
                Optional<String> invalid = validator.apply(value);
                if (invalid.isEmpty()) {
                    return new Structured<>(value, answer.format, calls, usage, text);
                }
                problem = invalid.get();
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
            LOG.debug("structured answer for {} unusable: {}", type.getSimpleName(), problem);
        }
        throw new StructuredOutputException("the model's answer was not a usable " + type.getSimpleName()
                + " after " + (reasks + 1) + (reasks == 0 ? " attempt" : " attempts") + ": " + problem, text);
    }

    /** Parses the JSON object in the text into the type. */
    static <T> T parse(String text, Class<T> type) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the answer was empty");
        }
        String json = LenientJson.outermostObject(text)
                .orElseThrow(() -> new IllegalArgumentException("the answer holds no JSON object"));
        try {
            T value = JSON.readValue(json, type);
            if (value == null) {
                throw new IllegalArgumentException("the answer's JSON was null");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + Secrets.mask(e.getOriginalMessage()));
        }
    }

    private record Answer(ChatResponse response, ResponseFormatMode format, int calls, ModelUsage usage) {}

    /** One answer, stepping down the ladder on 400. */
    private Answer callOnLadder(List<ChatMessage> conversation, JsonSchema schema) {
        int calls = 0;
        ModelUsage usage = ModelUsage.NONE;
        while (true) {
            ResponseFormatMode format = rung.get();
            ChatRequest request = request(conversation, schema, format);
            calls++;
            long start = System.nanoTime();
            try {
                ChatResponse response = model.chat(request);
                usage = usage.plus(ModelUsage.of(response, "", (System.nanoTime() - start) / 1_000_000));
                return new Answer(response, format, calls, usage);
            } catch (RuntimeException e) {
                Optional<ResponseFormatMode> weaker = format.weaker();
                if (weaker.isEmpty() || !badRequest(e)) {
                    throw e;
                }
                if (rung.compareAndSet(format, weaker.get())) {
                    LOG.info("the model server rejected response_format {} (400); using {} from now on",
                            format.id(), weaker.get().id());
                }
            }
        }
    }

    private static boolean badRequest(RuntimeException e) {
        if (e instanceof ModelCallException call) {
            return call.kind() == ModelCallException.Kind.BAD_REQUEST;
        }
        // A model from another LangChain4j module reports 400 in its own type.
        return e instanceof InvalidRequestException;
    }

    private static ChatRequest request(List<ChatMessage> conversation, JsonSchema schema, ResponseFormatMode format) {
        ChatRequest.Builder builder = ChatRequest.builder();
        switch (format) {
            case JSON_SCHEMA -> builder.messages(conversation)
                    .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema).build());
            // OpenAI's json_object mode also requires the word JSON in the messages; the instruction has it.
            case JSON_OBJECT -> builder.messages(withInstruction(conversation, schema)).responseFormat(ResponseFormat.JSON);
            case TEXT -> builder.messages(withInstruction(conversation, schema));
        }
        return builder.build();
    }

    /**
     * The conversation with the schema added to its system message (merged, not a second system message:
     * some local servers' chat templates accept only one, and only first).
     */
    private static List<ChatMessage> withInstruction(List<ChatMessage> conversation, JsonSchema schema) {
        String instruction = "Answer with one JSON object and nothing else, matching this JSON schema:\n"
                + schemaText(schema);
        List<ChatMessage> out = new ArrayList<>(conversation.size() + 1);
        boolean merged = false;
        for (ChatMessage message : conversation) {
            if (!merged && message instanceof SystemMessage system) {
                out.add(SystemMessage.from(system.text() + "\n\n" + instruction));
                merged = true;
            } else {
                out.add(message);
            }
        }
        if (!merged) {
            out.add(0, SystemMessage.from(instruction));
        }
        return out;
    }

    private static String schemaText(JsonSchema schema) {
        try {
            return SCHEMA_WRITER.writeValueAsString(JsonSchemaElementUtils.toMap(schema.rootElement()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON schema of " + schema.name(), e);
        }
    }
}
