package dev.aioskill.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;

/** Renders a build answer as Markdown in the skill's build output order, or as JSON. */
public final class BuildAnswerRenderer {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String markdown(BuildAnswer answer) {
        StringBuilder out = new StringBuilder();
        out.append("> ").append(answer.engineLine()).append("\n\n");
        if (!answer.matched()) {
            out.append("## No pattern fits this request\n\n").append(answer.choice().strip()).append('\n');
            return out.toString();
        }
        out.append("## Approach\n\n").append(answer.choice().strip()).append("\n\n");
        if (!answer.chapters().isEmpty()) {
            answer.chapters().forEach(chapter -> out.append("- ").append(chapter).append('\n'));
            out.append('\n');
        }
        out.append(answer.approach().strip()).append("\n\n");
        out.append("## Concurrency analysis\n\n").append(answer.concurrency().strip()).append("\n\n");
        out.append("## Implementation\n\n");
        for (Map.Entry<String, String> file : answer.files().entrySet()) {
            out.append("### `").append(file.getKey()).append("`\n\n```python\n")
                    .append(file.getValue().stripTrailing()).append("\n```\n\n");
        }
        if (!answer.combinations().isEmpty()) {
            out.append("## Combining with other patterns\n\n");
            answer.combinations().forEach(line -> out.append("- ").append(line).append('\n'));
            out.append('\n');
        }
        out.append("## Shutdown strategy\n\n").append(answer.shutdown().strip()).append("\n\n");
        out.append("## Testing notes\n\n").append(answer.testing().strip()).append("\n\n");
        // A draft the harness could not verify must not sit under a "Verified" heading.
        boolean verified = answer.verification() != null && answer.verification().verified();
        out.append(verified ? "## Verified\n\n" : "## Not verified\n\n")
                .append(answer.verification() == null ? "nothing was built" : answer.verification().summary())
                .append('\n');
        return out.toString();
    }

    public String json(BuildAnswer answer) {
        try {
            return JSON.writeValueAsString(answer) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("build answer did not serialise", e);
        }
    }
}
