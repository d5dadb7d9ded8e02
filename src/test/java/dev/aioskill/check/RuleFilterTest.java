package dev.aioskill.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleFilterTest {

    private static Finding of(String rule, String name) {
        return new Finding(rule, name, Severity.WARNING, Category.TASKS, "a.py", 1, 0, 1, 1, "m", "Ch 3", "f");
    }

    private static final Finding SLEEP = of("AIO100", "blocking-sleep");
    private static final Finding HTTP = of("AIO101", "blocking-http");
    private static final Finding LOOP = of("AIO110", "sequential-await-in-loop");
    private static final Finding TIMEOUT = of("AIO130", "missing-timeout");

    @Test
    void emptySelectionKeepsEverything() {
        assertThat(RuleFilter.all().apply(List.of(SLEEP, LOOP))).containsExactly(SLEEP, LOOP);
    }

    @Test
    void selectTakesIdsAndPrefixesInAnyCase() {
        assertThat(RuleFilter.of(List.of("AIO10"), List.of()).apply(List.of(SLEEP, HTTP, LOOP, TIMEOUT))).containsExactly(SLEEP, HTTP);
        assertThat(RuleFilter.of(List.of("aio11,AIO130"), List.of()).apply(List.of(SLEEP, LOOP, TIMEOUT))).containsExactly(LOOP, TIMEOUT);
        assertThat(RuleFilter.of(List.of("AIO101"), List.of()).apply(List.of(SLEEP, HTTP))).containsExactly(HTTP);
    }

    @Test
    void ignoreWinsOverSelectAndAcceptsNames() {
        RuleFilter filter = RuleFilter.of(List.of("AIO1"), List.of("AIO101", "missing-timeout"));
        assertThat(filter.apply(List.of(SLEEP, HTTP, LOOP, TIMEOUT))).containsExactly(SLEEP, LOOP);
    }

    @Test
    void syntaxErrorSurvivesAnySelectionButNotAnIgnore() {
        Finding syntax = new Finding("AIO000", "syntax-error", Severity.ERROR, Category.SYNTAX, "a.py", 1, 0, 1, 1, "m", "-", "f");
        assertThat(RuleFilter.of(List.of("AIO101"), List.of()).apply(List.of(syntax, SLEEP, HTTP))).containsExactly(syntax, HTTP);
        assertThat(RuleFilter.of(List.of("AIO101"), List.of("AIO000")).apply(List.of(syntax, HTTP))).containsExactly(HTTP);
    }

    @Test
    void somethingElseIsRejectedWithTheFormsThatWork() {
        assertThatThrownBy(() -> RuleFilter.of(List.of("E501"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'E501'").hasMessageContaining("AIO1");
    }
}
