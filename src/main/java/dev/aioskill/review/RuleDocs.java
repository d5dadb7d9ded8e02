package dev.aioskill.review;

import dev.aioskill.check.RuleInfo;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where reviews look up a rule's documentation (why it matters, the fix, the corrected code). The checker's
 * rule catalog implements it, or is adapted with {@link #from(Function)}; reviews still work with
 * {@link #none()}, only with the checker's messages alone.
 */
@FunctionalInterface
public interface RuleDocs {

    /** The documentation of a rule id such as {@code AIO100}, if the catalog knows it. */
    Optional<RuleInfo> find(String ruleId);

    /** Every documented rule, when the source can list them (used to say what a clean review checked). */
    default Collection<RuleInfo> all() {
        return List.of();
    }

    /** Docs for no rule at all. */
    static RuleDocs none() {
        return id -> Optional.empty();
    }

    /** A fixed set of rules, e.g. the catalog loaded once from the checker. */
    static RuleDocs of(Collection<RuleInfo> rules) {
        Map<String, RuleInfo> byId = new LinkedHashMap<>();
        for (RuleInfo r : rules) {
            byId.put(r.id(), r);
        }
        List<RuleInfo> all = List.copyOf(byId.values());
        return new RuleDocs() {
            @Override
            public Optional<RuleInfo> find(String ruleId) {
                return Optional.ofNullable(ruleId == null ? null : byId.get(ruleId));
            }

            @Override
            public Collection<RuleInfo> all() {
                return all;
            }
        };
    }

    /** Adapts a lookup function (e.g. a catalog's {@code find} method reference). */
    static RuleDocs from(Function<String, Optional<RuleInfo>> lookup) {
        return lookup::apply;
    }
}
