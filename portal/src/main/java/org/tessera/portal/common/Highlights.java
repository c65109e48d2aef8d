package org.tessera.portal.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders plain text as safe HTML with marked spans. Everything from the data is escaped; only the
 * {@code <mark>} tags added here are markup.
 */
public final class Highlights {

    private Highlights() {
    }

    /** A span to mark: {@code counted=false} spans (negated, hypothetical...) get their own style and label. */
    public record Span(int start, int end, String label, boolean counted) {
    }

    public static String mark(String text, List<Span> spans) {
        if (text == null) {
            return "";
        }
        List<Span> ordered = new ArrayList<>(spans.stream()
                .filter(s -> s.start() >= 0 && s.end() <= text.length() && s.start() < s.end()).toList());
        ordered.sort(Comparator.comparingInt(Span::start));
        StringBuilder html = new StringBuilder(text.length() + 64);
        int at = 0;
        for (Span span : ordered) {
            if (span.start() < at) {
                continue; // overlapping spans: the first one wins
            }
            html.append(HtmlUtils.htmlEscape(text.substring(at, span.start())));
            html.append("<mark class=\"").append(span.counted() ? "evidence" : "evidence not-counted")
                    .append("\" title=\"").append(HtmlUtils.htmlEscape(span.label())).append("\">")
                    .append(HtmlUtils.htmlEscape(text.substring(span.start(), span.end())))
                    .append("</mark>");
            at = span.end();
        }
        html.append(HtmlUtils.htmlEscape(text.substring(at)));
        return html.toString();
    }

    /**
     * OpenSearch highlight fragments use {@code <em>} tags around escaped text (the query asks for
     * the html encoder), so they can be shown after turning em into mark.
     */
    public static String fromEngine(String fragment) {
        return fragment.replace("<em>", "<mark class=\"evidence\">").replace("</em>", "</mark>");
    }

    /** An engine fragment as plain text (emphasis dropped, entities decoded), for display as text. */
    public static String plain(String fragment) {
        return HtmlUtils.htmlUnescape(fragment.replace("<em>", "").replace("</em>", ""));
    }
}
