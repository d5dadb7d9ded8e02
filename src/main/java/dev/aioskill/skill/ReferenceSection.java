package dev.aioskill.skill;

/**
 * One headed section of a reference file, with the text of its sub-sections.
 *
 * @param file    the reference file, e.g. {@code api_reference.md}
 * @param heading the heading text without the {@code #} marks
 * @param topic   the heading as a topic id: lower case words joined by '-'
 * @param level   2 for {@code ##}, 3 for {@code ###}, ...
 * @param text    the section, heading line included, up to the next heading of the same or a higher level
 */
public record ReferenceSection(String file, String heading, String topic, int level, String text) {}
