package dev.aioskill.sandbox;

/** Which isolation a run had. */
public enum Isolation {
    /** bubblewrap namespaces as an unprivileged uid, plus the limits. */
    BUBBLEWRAP("bubblewrap"),
    /** Only the limits and a cleared environment (the caller allowed an unsandboxed run). */
    NONE("none");

    private final String label;

    Isolation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
