package dev.aioskill.agent;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.ChatMemoryProvider;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import java.util.List;
import java.util.Objects;

/**
 * Conversation memory per conversation id (a Slack thread, a chat session): a window of the most recent
 * messages kept in a LangChain4j {@link ChatMemoryStore}, in memory unless another store is given. The
 * window drops whole old messages first and keeps the system message; tool results whose call was
 * dropped go with it, so the model never sees an orphan tool result.
 */
public final class Conversations implements ChatMemoryProvider {

    /** Enough for a few review or build turns with their tool calls. */
    public static final int DEFAULT_WINDOW = 40;

    private final ChatMemoryStore store;
    private final int window;

    public Conversations(ChatMemoryStore store, int window) {
        this.store = Objects.requireNonNull(store, "store");
        if (window < 2) {
            throw new IllegalArgumentException("a conversation window needs at least 2 messages, was " + window);
        }
        this.window = window;
    }

    /** In-memory conversations with the default window. */
    public Conversations() {
        this(new InMemoryChatMemoryStore(), DEFAULT_WINDOW);
    }

    /** The memory of one conversation; its state lives in the store, so any number of these may exist. */
    public ChatMemory memory(Object conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        return MessageWindowChatMemory.builder()
                .id(conversationId)
                .maxMessages(window)
                .chatMemoryStore(store)
                .build();
    }

    /** For {@code AiServices.chatMemoryProvider(...)} with a {@code @MemoryId} parameter. */
    @Override
    public ChatMemory get(Object conversationId) {
        return memory(conversationId);
    }

    /** The messages of one conversation, oldest first. */
    public List<ChatMessage> messages(Object conversationId) {
        return memory(conversationId).messages();
    }

    /** Forgets one conversation. */
    public void forget(Object conversationId) {
        store.deleteMessages(conversationId);
    }

    public int window() {
        return window;
    }
}
