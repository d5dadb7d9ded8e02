package dev.aioskill.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One line of evals/modes-*.jsonl: a request and the mode a person gave it. */
record LabelledRequest(int line, String request, Mode mode, String note) {

    static List<LabelledRequest> load(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<LabelledRequest> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode node = json.readTree(lines.get(i));
            rows.add(new LabelledRequest(i + 1, node.get("request").asText(), Mode.fromId(node.get("mode").asText()),
                    node.path("note").asText("")));
        }
        return rows;
    }
}
