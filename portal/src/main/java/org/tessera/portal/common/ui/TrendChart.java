package org.tessera.portal.common.ui;

import com.vaadin.flow.component.Html;
import java.util.List;
import org.tessera.portal.profile.Profile.TrendPoint;
import org.springframework.web.util.HtmlUtils;

/** A small inline SVG line chart of the month-end risk score; no chart library needed. */
public final class TrendChart {

    private TrendChart() {
    }

    public static Html of(List<TrendPoint> points) {
        int width = 360;
        int height = 120;
        int pad = 24;
        StringBuilder svg = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' role='img' aria-label='Risk evidence over time' width='")
                .append(width).append("' height='").append(height).append("' viewBox='0 0 ").append(width).append(' ').append(height).append("'>");
        svg.append("<line x1='").append(pad).append("' y1='").append(height - pad).append("' x2='").append(width - 4)
                .append("' y2='").append(height - pad).append("' stroke='#999'/>");
        if (points.isEmpty()) {
            svg.append("<text x='").append(pad).append("' y='40' font-size='12'>No counted indicator hits</text>");
        } else {
            double max = points.stream().mapToDouble(TrendPoint::score).max().orElse(1);
            max = max <= 0 ? 1 : max;
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < points.size(); i++) {
                double x = pad + (points.size() == 1 ? 0 : (width - pad - 8) * (double) i / (points.size() - 1));
                double y = height - pad - (height - 2 * pad) * points.get(i).score() / max;
                path.append(i == 0 ? "M" : " L").append(String.format(java.util.Locale.ROOT, "%.1f %.1f", x, y));
                svg.append(String.format(java.util.Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='3' fill='#c0392b'><title>%s: %.1f</title></circle>",
                        x, y, HtmlUtils.htmlEscape(points.get(i).month()), points.get(i).score()));
            }
            svg.append("<path d='").append(path).append("' fill='none' stroke='#c0392b' stroke-width='2'/>");
            svg.append("<text x='").append(pad).append("' y='").append(height - 6).append("' font-size='11'>")
                    .append(HtmlUtils.htmlEscape(points.getFirst().month())).append("</text>");
            svg.append("<text x='").append(width - 60).append("' y='").append(height - 6).append("' font-size='11'>")
                    .append(HtmlUtils.htmlEscape(points.getLast().month())).append("</text>");
            svg.append(String.format(java.util.Locale.ROOT, "<text x='2' y='%d' font-size='11'>%.1f</text>", pad, max));
        }
        svg.append("</svg>");
        return new Html("<div class='trend'>" + svg + "</div>");
    }
}
