package dev.aioskill.check;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One checker finding, exactly as the Python checker reports it (keys of ../schemas/finding.schema.json).
 * Lines and columns are 1-based lines and 0-based columns, as Python's {@code ast} reports them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Finding(
        @JsonProperty("rule") String rule,
        @JsonProperty("name") String name,
        @JsonProperty("severity") Severity severity,
        @JsonProperty("category") Category category,
        @JsonProperty("path") String path,
        @JsonProperty("line") int line,
        @JsonProperty("col") int col,
        @JsonProperty("end_line") int endLine,
        @JsonProperty("end_col") int endCol,
        @JsonProperty("message") String message,
        @JsonProperty("chapter") String chapter,
        @JsonProperty("fix") String fix) {

    /** flake8 style: {@code path:line:col: AIO100 message}. Columns shown 1-based, as flake8 does. */
    public String toTextLine() {
        return path + ":" + line + ":" + (col + 1) + ": " + rule + " " + message;
    }
}
