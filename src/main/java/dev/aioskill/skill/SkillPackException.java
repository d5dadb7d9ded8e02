package dev.aioskill.skill;

/** The packaged skill is missing or malformed: a build or packaging problem, not a user error. */
public class SkillPackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SkillPackException(String message) {
        super(message);
    }
}
