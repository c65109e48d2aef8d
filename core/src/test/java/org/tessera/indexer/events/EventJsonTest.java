package org.tessera.indexer.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** {@link EventJson#putValue}: what the parts' {@code if (x != null) node.put(...)} lines wrote, from one place. */
class EventJsonTest {

    @Test
    void putValueWritesAsObjectNodePutWouldAndNothingForNull() {
        ObjectNode expected = EventJson.NODES.objectNode();
        expected.put("whole", 3);
        expected.put("decimal", 4.5);
        expected.put("truth", false);

        ObjectNode written = EventJson.NODES.objectNode();
        EventJson.putValue(written, "whole", Integer.valueOf(3));
        EventJson.putValue(written, "decimal", Double.valueOf(4.5));
        EventJson.putValue(written, "truth", Boolean.FALSE);
        EventJson.putValue(written, "absent", null);

        assertThat(written).isEqualTo(expected);
        assertThat(written.get("whole").isInt()).isTrue();
        assertThat(written.get("decimal").isDouble()).isTrue();
        assertThat(written.has("absent")).isFalse();
    }

    @Test
    void putValueRefusesATypeItDoesNotWrite() {
        assertThatThrownBy(() -> EventJson.putValue(EventJson.NODES.objectNode(), "size", 7L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
    }
}
