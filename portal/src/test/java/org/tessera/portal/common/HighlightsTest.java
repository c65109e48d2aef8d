package org.tessera.portal.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HighlightsTest {

    @Test
    void evidenceIsMarkedAndEverythingElseEscaped() {
        String html = Highlights.mark("<b>Jayden</b> was present", List.of(new Highlights.Span(14, 25, "dv", true)));
        assertThat(html).isEqualTo("&lt;b&gt;Jayden&lt;/b&gt; <mark class=\"evidence\" title=\"dv\">was present</mark>");
    }

    @Test
    void notCountedEvidenceGetsItsOwnClass() {
        String html = Highlights.mark("No signs of neglect.", List.of(new Highlights.Span(0, 19, "neglect (negated)", false)));
        assertThat(html).startsWith("<mark class=\"evidence not-counted\" title=\"neglect (negated)\">No signs of neglect</mark>");
    }

    @Test
    void spansOutsideTheTextOrOverlappingAreIgnored() {
        String html = Highlights.mark("abcdef", List.of(new Highlights.Span(1, 4, "a", true), new Highlights.Span(2, 5, "b", true),
                new Highlights.Span(4, 99, "c", true)));
        assertThat(html).isEqualTo("a<mark class=\"evidence\" title=\"a\">bcd</mark>ef");
    }
}
