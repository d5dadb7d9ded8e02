package dev.aioskill.skill;

import java.util.List;
import java.util.Optional;

/**
 * What {@link SkillPack#readReference(String)} found: the best section for the topic, or nothing and the
 * topics there are, so that a model or a user can ask again.
 */
public record ReferenceLookup(String query, Optional<ReferenceSection> section, List<String> availableTopics) {

    public ReferenceLookup {
        availableTopics = List.copyOf(availableTopics);
    }

    public boolean found() {
        return section.isPresent();
    }

    /** The section's text, or a short message listing the topics. */
    public String render() {
        if (section.isPresent()) {
            return section.get().text();
        }
        return "No reference section matches '" + query + "'. Available topics: " + String.join(", ", availableTopics);
    }
}
