package org.tessera.portal.common.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.server.VaadinService;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A chart drawn by Apache ECharts (the {@code org.webjars.npm:echarts} webjar, served by the
 * portal itself, loaded once per page on first use) from an ECharts option built on the server.
 * Drawn as SVG. A click on a data item that has an {@code id} is passed to the click listener
 * with that id (a person, an event). The picture is {@code role="img"} with a label; it is never
 * the only way to the information: every use puts a text alternative (a table, a list) beside it.
 */
public class EChart extends Div {

    static final String SCRIPT = "webjars/echarts/5.3.1/dist/echarts.min.js";

    private static final String DRAW = """
            const el = this;
            const option = JSON.parse($0);
            const draw = () => {
              const chart = echarts.getInstanceByDom(el) || echarts.init(el, null, {renderer: 'svg'});
              chart.setOption(option, true);
              chart.off('click');
              chart.on('click', p => {
                if (p.data && p.data.id && p.dataType !== 'edge') {
                  el.dispatchEvent(new CustomEvent('chart-click', {detail: {id: String(p.data.id)}}));
                }
              });
              if (!el.__resize) {
                el.__resize = new ResizeObserver(() => chart.resize());
                el.__resize.observe(el);
              }
              el.setAttribute('data-drawn', 'true');
            };
            if (window.echarts) {
              draw();
            } else {
              let script = document.getElementById('echarts-library');
              if (!script) {
                script = document.createElement('script');
                script.id = 'echarts-library';
                script.src = $1;
                document.head.appendChild(script);
              }
              script.addEventListener('load', draw);
            }
            """;

    private ObjectNode option;

    /**
     * @param label what the picture shows, read by screen readers ({@code aria-label})
     */
    public EChart(String label, String width, String height) {
        getElement().setAttribute("role", "img");
        getElement().setAttribute("aria-label", Objects.requireNonNull(label, "label"));
        setWidth(width);
        setHeight(height);
        addClassName("echart");
    }

    /** Draws (or redraws) the chart with this ECharts option. */
    public void setOption(ObjectNode option) {
        this.option = option.deepCopy();
        if (isAttached()) {
            draw();
        }
    }

    /** Called with the id of a clicked data item. */
    public void onClick(Consumer<String> listener) {
        getElement().addEventListener("chart-click", e -> listener.accept(e.getEventData().path("event.detail.id").asString()))
                .addEventData("event.detail.id");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        if (option != null) {
            draw();
        }
    }

    private void draw() {
        String context = VaadinService.getCurrentRequest() == null ? "" : VaadinService.getCurrentRequest().getContextPath();
        getElement().executeJs(DRAW, option.toString(), context + "/" + SCRIPT);
    }
}
