// Sozialraum map island: draws the GeoJSON handed over in a <script type="application/json">
// element with Leaflet. Works without a tile server (shapes on a plain background); a tile
// layer is added only when the page names one. Every figure shown here is also in the page's
// table, so the map is never the only way to reach it.
(function () {
  "use strict";

  // Labels reach Leaflet as DOM nodes holding a text node, never as strings: Leaflet puts a
  // string into innerHTML, so a name such as "<img onerror=...>" would run as script.
  function textLabel(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  function draw(container) {
    var source = document.getElementById(container.dataset.source);
    if (!source || typeof L === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var map = L.map(container, { scrollWheelZoom: false, attributionControl: true, zoomSnap: 0.25 });
    if (data.tiles && data.tiles.url) {
      L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: 19 }).addTo(map);
    }
    var bounds = null;
    function extend(layer) {
      var b = layer.getBounds();
      if (b.isValid()) { bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast()); }
    }
    if (data.children && data.children.length) {
      var children = L.geoJSON({ type: "FeatureCollection", features: data.children }, {
        style: function (f) {
          return { color: "#1b1f24", weight: 1, fillColor: f.properties.fill || "#ffffff", fillOpacity: data.choropleth ? 0.85 : 0.15 };
        },
        onEachFeature: function (f, layer) {
          var p = f.properties;
          var label = p.name + (data.choropleth ? " – " + data.labels.share + ": " + p.share : "");
          layer.bindTooltip(textLabel(label), { sticky: true });
          layer.on("click", function () { if (p.url) { window.location.href = p.url; } });
        }
      }).addTo(map);
      extend(children);
    }
    if (data.outline && data.outline.length) {
      var outline = L.geoJSON({ type: "FeatureCollection", features: data.outline }, {
        style: { color: "#083f61", weight: 3, fill: !(data.children && data.children.length), fillOpacity: 0.15 }
      }).addTo(map);
      extend(outline);
    }
    if (data.points && data.points.length) {
      // Offers as circle markers (no marker images needed); each links to its page.
      var points = L.geoJSON({ type: "FeatureCollection", features: data.points }, {
        pointToLayer: function (f, latlng) {
          // A point may bring its own colours (e.g. the marks of a subjective map).
          return L.circleMarker(latlng, { radius: 8, color: f.properties.stroke || "#ffffff", weight: 2, fillColor: f.properties.colour || "#0b5c8c", fillOpacity: 0.95 });
        },
        onEachFeature: function (f, layer) {
          var p = f.properties;
          layer.bindTooltip(textLabel(p.name + (p.address ? " – " + p.address : "")));
          layer.on("click", function () { if (p.url) { window.location.href = p.url; } });
        }
      }).addTo(map);
      extend(points);
    }
    if (bounds) { map.fitBounds(bounds, { padding: [12, 12], maxZoom: 16 }); } else { map.setView([54.5, 10], 7); }
    container.dataset.ready = "true";
  }

  document.querySelectorAll("[data-map]").forEach(draw);
})();
