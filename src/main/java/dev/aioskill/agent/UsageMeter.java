package dev.aioskill.agent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Collects the {@link ModelUsage} of every call a metered model makes: a running total for the process,
 * and per-request sums through {@link #open()}. A scope belongs to the thread that opened it; a streaming
 * call is charged to the scopes open when it started, wherever its answer arrives.
 */
public final class UsageMeter {

    private final AtomicReference<ModelUsage> total = new AtomicReference<>(ModelUsage.NONE);
    private final ThreadLocal<Deque<Scope>> open = ThreadLocal.withInitial(ArrayDeque::new);

    /** Adds one call to the total and to the given scopes. */
    void record(ModelUsage usage, List<Scope> scopes) {
        total.accumulateAndGet(usage, ModelUsage::plus);
        for (Scope scope : scopes) {
            scope.add(usage);
        }
    }

    /** Adds one call to the total and to every scope open on this thread. */
    public void record(ModelUsage usage) {
        record(usage, currentScopes());
    }

    /** The scopes open on this thread now, innermost first. */
    List<Scope> currentScopes() {
        return new ArrayList<>(open.get());
    }

    /** Everything recorded so far. */
    public ModelUsage total() {
        return total.get();
    }

    /**
     * Starts counting the calls this thread makes until the scope is closed, e.g. one review request:
     * {@code try (UsageMeter.Scope turn = meter.open()) { ...; turn.usage(); }}.
     */
    public Scope open() {
        Scope scope = new Scope();
        open.get().push(scope);
        return scope;
    }

    /** The calls made while it was open. */
    public final class Scope implements AutoCloseable {
        private final AtomicReference<ModelUsage> sum = new AtomicReference<>(ModelUsage.NONE);

        void add(ModelUsage usage) {
            sum.accumulateAndGet(usage, ModelUsage::plus);
        }

        public ModelUsage usage() {
            return sum.get();
        }

        @Override
        public void close() {
            open.get().remove(this);
        }
    }
}
