package dev.aioskill.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConversationsTest {

    @RegisterExtension
    static WireMockExtension wm = FakeOpenAi.server();

    interface Chat {
        String chat(@MemoryId String conversation, @dev.langchain4j.service.UserMessage String message);
    }

    @Test
    void eachConversationRemembersOnlyItsOwnTurns() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer("noted")));
        Conversations conversations = new Conversations();
        Chat chat = AiServices.builder(Chat.class)
                .chatModel(new ModelFactory(FakeOpenAi.settings(wm)).chatModel())
                .chatMemoryProvider(conversations)
                .build();

        chat.chat("thread-a", "my loop uses time.sleep");
        chat.chat("thread-b", "unrelated");
        chat.chat("thread-a", "and what about gather?");

        JsonNode third = FakeOpenAi.body(FakeOpenAi.requests(wm).get(2)).path("messages");
        assertThat(third.findValuesAsText("content"))
                .containsExactly("my loop uses time.sleep", "noted", "and what about gather?");
        assertThat(conversations.messages("thread-b")).hasSize(2);
        conversations.forget("thread-a");
        assertThat(conversations.messages("thread-a")).isEmpty();
    }

    @Test
    void theWindowDropsTheOldestMessagesButKeepsTheSystemMessage() {
        Conversations conversations = new Conversations(
                new dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore(), 4);
        ChatMemory memory = conversations.memory("c");
        memory.add(SystemMessage.from("system"));
        for (int i = 1; i <= 3; i++) {
            memory.add(UserMessage.from("question " + i));
            memory.add(AiMessage.from("answer " + i));
        }

        List<ChatMessage> kept = conversations.messages("c");

        assertThat(kept).hasSize(4);
        assertThat(kept.get(0)).isEqualTo(SystemMessage.from("system"));
        assertThat(kept.subList(1, 4)).containsExactly(
                AiMessage.from("answer 2"), UserMessage.from("question 3"), AiMessage.from("answer 3"));
    }
}
