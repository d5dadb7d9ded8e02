package dev.aioskill.review;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What grounding did to a draft review, so a reader (and the eval suite) can see how much of a model's answer
 * survived contact with the source.
 *
 * @param proposed findings in the draft (what the model, or the offline engine, reported)
 * @param repaired draft findings moved to the line where their quoted code really is
 * @param dropped  draft findings removed: line outside the file, or quoted code not found nearby
 * @param merged   draft findings folded into another one at the same rule (or topic) and line
 * @param added    checker errors and warnings the draft missed, added with origin {@link Origin#CHECKER}
 */
public record GroundingStats(
        @JsonProperty("proposed") int proposed,
        @JsonProperty("repaired") int repaired,
        @JsonProperty("dropped") int dropped,
        @JsonProperty("merged") int merged,
        @JsonProperty("added_from_checker") int added) {

    public static GroundingStats none() {
        return new GroundingStats(0, 0, 0, 0, 0);
    }

    /** True when the draft came through untouched. */
    public boolean untouched() {
        return repaired == 0 && dropped == 0 && merged == 0 && added == 0;
    }
}
