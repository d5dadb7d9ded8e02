package dev.aioskill.route;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Counts of (true mode, predicted mode) with accuracy, per-mode precision and recall, and a printout. */
final class ConfusionMatrix {

    private final Map<Mode, Map<Mode, Integer>> counts = new EnumMap<>(Mode.class);
    private final List<String> errors = new ArrayList<>();
    private int total;

    ConfusionMatrix() {
        for (Mode truth : Mode.values()) {
            Map<Mode, Integer> row = new EnumMap<>(Mode.class);
            for (Mode predicted : Mode.values()) {
                row.put(predicted, 0);
            }
            counts.put(truth, row);
        }
    }

    static ConfusionMatrix score(ModeClassifier classifier, List<LabelledRequest> rows) {
        ConfusionMatrix matrix = new ConfusionMatrix();
        for (LabelledRequest row : rows) {
            Classification result = classifier.classify(row.request());
            matrix.add(row.mode(), result.mode());
            if (result.mode() != row.mode()) {
                matrix.errors.add(String.format(Locale.ROOT, "line %d: want %s, got %s (%.2f) %s | %s", row.line(),
                        row.mode().id(), result.mode().id(), result.confidence(),
                        row.request().replace("\n", "\\n"), result.reason()));
            }
        }
        return matrix;
    }

    void add(Mode truth, Mode predicted) {
        counts.get(truth).merge(predicted, 1, Integer::sum);
        total++;
    }

    int count(Mode truth, Mode predicted) {
        return counts.get(truth).get(predicted);
    }

    double accuracy() {
        int right = 0;
        for (Mode mode : Mode.values()) {
            right += count(mode, mode);
        }
        return total == 0 ? 0.0 : (double) right / total;
    }

    double precision(Mode mode) {
        int predicted = 0;
        for (Mode truth : Mode.values()) {
            predicted += count(truth, mode);
        }
        return predicted == 0 ? 0.0 : (double) count(mode, mode) / predicted;
    }

    double recall(Mode mode) {
        int actual = 0;
        for (Mode predicted : Mode.values()) {
            actual += count(mode, predicted);
        }
        return actual == 0 ? 0.0 : (double) count(mode, mode) / actual;
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    /** Rows are the true mode, columns the predicted one. */
    String render(String title) {
        StringBuilder out = new StringBuilder();
        out.append(title).append(String.format(Locale.ROOT, ": %d requests, accuracy %.3f%n", total, accuracy()));
        out.append(String.format(Locale.ROOT, "%-16s", "true \\ predicted"));
        for (Mode predicted : Mode.values()) {
            out.append(String.format(Locale.ROOT, "%10s", predicted.id()));
        }
        out.append(String.format(Locale.ROOT, "%11s%8s%n", "precision", "recall"));
        for (Mode truth : Mode.values()) {
            out.append(String.format(Locale.ROOT, "%-16s", truth.id()));
            for (Mode predicted : Mode.values()) {
                out.append(String.format(Locale.ROOT, "%10d", count(truth, predicted)));
            }
            out.append(String.format(Locale.ROOT, "%11.3f%8.3f%n", precision(truth), recall(truth)));
        }
        return out.toString();
    }
}
