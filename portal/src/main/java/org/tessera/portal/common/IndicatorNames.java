package org.tessera.portal.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tessera.indexer.indicators.Indicator;
import org.tessera.indexer.indicators.IndicatorCatalogue;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.common.Json;

/**
 * Titles and concerns of indicators: from the catalogue shipped in {@code mappings/indicators}
 * (which names each concern), else from the stored indicator (its group), else the id itself.
 * Thread-safe; the stored ones are read once per id.
 */
public final class IndicatorNames {

    private record Name(String title, String concern) {
    }

    private static final class Catalogue {
        static final IndicatorCatalogue DEFAULT = IndicatorCatalogue.loadDefault();
    }

    private final OpenSearchConnection connection;
    private final Map<String, Name> stored = new ConcurrentHashMap<>();

    public IndicatorNames(OpenSearchConnection connection) {
        this.connection = connection;
    }

    public String title(String id) {
        return name(id).title();
    }

    public String concern(String id) {
        return name(id).concern();
    }

    /**
     * The search for the ids of the indicators of any of these concerns (the stored ones whose group it
     * is), for a page to send in an {@code _msearch} with searches of its own: never a round trip of
     * its own. Read its answer with {@link #idsFrom}.
     * Nothing is kept between views, so an indicator loaded a moment ago counts on the next view.
     */
    public OpenSearchConnection.Search idsSearch(java.util.Collection<String> concerns) {
        return new OpenSearchConnection.Search(connection.alias("indicators"), idsBody(concerns));
    }

    /** The ids of the indicators of any of these concerns: the catalogue's, and the stored ones in the answer to {@link #idsSearch}. */
    public java.util.List<String> idsFrom(java.util.Collection<String> concerns, JsonNode answer) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (Indicator i : Catalogue.DEFAULT.all()) {
            if (concerns.contains(i.concern() != null ? i.concern() : i.group())) {
                ids.add(i.id());
            }
        }
        for (JsonNode hit : answer.path("hits").path("hits")) {
            String id = Json.text(hit.path("_source").path("indicator"), "id");
            if (id != null && Catalogue.DEFAULT.find(id).isEmpty()) {
                ids.add(id);
            }
        }
        return java.util.List.copyOf(ids);
    }

    private static ObjectNode idsBody(java.util.Collection<String> concerns) {
        ObjectNode body = Json.object();
        body.put("size", 500);
        com.fasterxml.jackson.databind.node.ArrayNode groups = body.putObject("query").putObject("terms").putArray("indicator.group");
        concerns.forEach(groups::add);
        body.putObject("_source").putArray("includes").add("indicator.id");
        return body;
    }

    private Name name(String id) {
        var known = Catalogue.DEFAULT.find(id);
        if (known.isPresent()) {
            Indicator i = known.get();
            return new Name(i.title(), i.concern() != null ? i.concern() : i.group());
        }
        return stored.computeIfAbsent(id, this::fromIndex);
    }

    private Name fromIndex(String id) {
        ObjectNode body = Json.object();
        body.put("size", 1);
        body.putObject("query").putObject("term").put("indicator.id", id);
        JsonNode hits = connection.search(connection.alias("indicators"), body).path("hits").path("hits");
        if (hits.isEmpty()) {
            return new Name(id, id);
        }
        JsonNode indicator = hits.get(0).path("_source").path("indicator");
        String title = Json.text(indicator, "title");
        String group = Json.text(indicator, "group");
        return new Name(title == null ? id : title, group == null ? id : group);
    }
}
