package dev.eden.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.proto.NodeState;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WireTextTest {

  @Test
  void everyValueButUnspecifiedHasATextThatParsesBack() {
    for (NodeState s : NodeState.values()) {
      if (s == NodeState.NODE_STATE_UNSPECIFIED || s == NodeState.UNRECOGNIZED) {
        assertThat(WireText.of(s)).as(s.name()).isEmpty();
        continue;
      }
      assertThat(WireText.of(s)).as(s.name()).isNotEmpty();
      assertThat(WireText.parse(NodeState.class, WireText.of(s))).contains(s);
    }
  }

  @Test
  void aNodeStateReadsAsItDidWhenItWasAString() {
    assertThat(Arrays.stream(NodeState.values()).map(WireText::of))
        .containsExactly("", "Ready", "Reconciling", "Stalled", "Unknown", "Pending", "");
  }

  @Test
  void anUnknownOrEmptyTextParsesToNothing() {
    assertThat(WireText.parse(NodeState.class, "Sleeping")).isEqualTo(Optional.empty());
    assertThat(WireText.parse(NodeState.class, "")).isEmpty();
  }
}
