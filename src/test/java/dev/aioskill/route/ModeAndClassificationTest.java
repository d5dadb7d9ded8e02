package dev.aioskill.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ModeAndClassificationTest {

    @Test
    void modeJsonIdsAreLowerCaseAndRoundTrip() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(Mode.AMBIGUOUS)).isEqualTo("\"ambiguous\"");
        assertThat(json.readValue("\"review\"", Mode.class)).isEqualTo(Mode.REVIEW);
        assertThat(Mode.fromId(" BUILD ")).isEqualTo(Mode.BUILD);
    }

    @Test
    void unknownModeIdNamesTheValidOnes() {
        assertThatThrownBy(() -> Mode.fromId("explain"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("build, review or ambiguous");
    }

    @Test
    void ambiguousNeedsAQuestionAndOthersMustNotHaveOne() {
        assertThatThrownBy(() -> new Classification(Mode.AMBIGUOUS, 0.5, "r", " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Classification(Mode.BUILD, 0.5, "r", "Why?"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void confidenceOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> Classification.decided(Mode.BUILD, 1.01, "r"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
