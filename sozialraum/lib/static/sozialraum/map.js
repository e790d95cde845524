// Sozialraum map island: draws the GeoJSON handed over in a <script type="application/json">
// element with Leaflet. Works without a tile server (shapes on a plain background); a tile
// layer is added only when the page names one. Every figure shown here is also in the page's
// table, so the map is never the only way to reach it.
//
// Text reaches the page as text nodes only: tooltips get DOM elements built with
// createElement and textContent, never a string, which Leaflet would parse as markup. The map container's data- attributes carry the
// translated control labels and the keyboard mode: "links" makes each shape with a URL a
// named link in the tab order that Enter follows; otherwise shapes stay out of the tab
// order, because the list or table beside the map carries the same links.
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var FOCUS_INK = "#1b1f24";
  var FOCUS_HALO = "#ffffff";

  function textLabel(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  // The element Leaflet draws a layer into (an SVG path, or a marker's icon).
  function elementOf(layer) {
    return typeof layer.getElement === "function" ? layer.getElement() : null;
  }

  // A visible focus: a dark line inside a white halo, which stands out (>= 3:1) against any
  // fill, neighbour or background, drawn in a pane above all shapes (moving the focused
  // element itself to the front would take its focus away). ``outline(style)`` draws the
  // focused shape's outline in that pane with the given line style.
  function focusRing(map, layer, outline) {
    var ring = null;
    var element = elementOf(layer);
    element.addEventListener("focus", function () {
      ring = L.layerGroup([
        outline({ pane: "focus", interactive: false, color: FOCUS_HALO, weight: 9, fill: false }),
        outline({ pane: "focus", interactive: false, color: FOCUS_INK, weight: 4, fill: false })
      ]).addTo(map);
    });
    element.addEventListener("blur", function () {
      if (ring) { map.removeLayer(ring); ring = null; }
    });
  }

  // Makes a drawn shape a link (keyboard mode "links") or takes it out of the tab order.
  function linkUp(map, layer, name, url, keyboard, outline) {
    var element = elementOf(layer);
    if (!element) { return; }
    if (keyboard === "links" && url) {
      element.setAttribute("tabindex", "0");
      element.setAttribute("role", "link");
      element.setAttribute("aria-label", name);
      element.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { window.location.href = url; }
      });
      focusRing(map, layer, outline);
    } else {
      element.setAttribute("tabindex", "-1");
      element.setAttribute("aria-hidden", "true");
      element.removeAttribute("role");
    }
  }

  function germanControls(map, container) {
    var zoom = L.control.zoom({ zoomInTitle: container.dataset.zoomIn, zoomOutTitle: container.dataset.zoomOut });
    zoom.addTo(map);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(container.dataset.attributionPrefix);
  }

  // A hatched pattern for areas without figures, so "no data" does not rest on a colour.
  function hatchPattern(map) {
    var svg = map.getRenderer(L.geoJSON())._container;
    if (!svg || svg.querySelector("#map-no-data")) { return; }
    var defs = document.createElementNS(SVG, "defs");
    var pattern = document.createElementNS(SVG, "pattern");
    pattern.setAttribute("id", "map-no-data");
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("width", "8");
    pattern.setAttribute("height", "8");
    pattern.setAttribute("patternTransform", "rotate(45)");
    var ground = document.createElementNS(SVG, "rect");
    ground.setAttribute("width", "8");
    ground.setAttribute("height", "8");
    ground.setAttribute("fill", "#ffffff");
    var line = document.createElementNS(SVG, "line");
    line.setAttribute("x1", "0"); line.setAttribute("y1", "0");
    line.setAttribute("x2", "0"); line.setAttribute("y2", "8");
    line.setAttribute("stroke", "#5a6470");
    line.setAttribute("stroke-width", "3");
    pattern.appendChild(ground);
    pattern.appendChild(line);
    defs.appendChild(pattern);
    svg.insertBefore(defs, svg.firstChild);
  }

  // A mark of the subjective map: a shape per kind (drawn from the page's <symbol>), so marks
  // differ by shape as well as by colour.
  function shapeIcon(kind) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("class", "mark-shape mark-" + kind);
    svg.setAttribute("aria-hidden", "true");
    var use = document.createElementNS(SVG, "use");
    use.setAttribute("href", "#mark-shape-" + kind);
    svg.appendChild(use);
    return L.divIcon({ html: svg, className: "mark-icon", iconSize: [22, 22], iconAnchor: [11, 11] });
  }

  function drawChildren(map, data, keyboard) {
    return L.geoJSON({ type: "FeatureCollection", features: data.children }, {
      style: function (f) {
        var fill = f.properties.fill || "#ffffff";
        if (data.choropleth && f.properties.no_data) { fill = "url(#map-no-data)"; }
        return { color: "#1b1f24", weight: 1, fillColor: fill, fillOpacity: data.choropleth ? 0.85 : 0.15 };
      },
      onEachFeature: function (f, layer) {
        var p = f.properties;
        var label = p.name + (data.choropleth ? " – " + data.labels.share + ": " + p.share : "");
        layer.bindTooltip(textLabel(label), { sticky: true });
        layer.on("click", function () { if (p.url) { window.location.href = p.url; } });
        layer.on("add", function () {
          linkUp(map, layer, label, p.url, keyboard, function (style) {
            return L.geoJSON(f, { pane: style.pane, interactive: false, style: style });
          });
        });
      }
    }).addTo(map);
  }

  function drawPoints(map, data, keyboard) {
    return L.geoJSON({ type: "FeatureCollection", features: data.points }, {
      pointToLayer: function (f, latlng) {
        if (f.properties.mark) {
          return L.marker(latlng, { icon: shapeIcon(f.properties.mark), keyboard: false });
        }
        // A point may bring its own colours (the offers on a subjective map).
        return L.circleMarker(latlng, { radius: 8, color: f.properties.stroke || "#ffffff", weight: 2, fillColor: f.properties.colour || "#0b5c8c", fillOpacity: 0.95 });
      },
      onEachFeature: function (f, layer) {
        var p = f.properties;
        var label = p.name + (p.address ? " – " + p.address : "");
        layer.bindTooltip(textLabel(label));
        layer.on("click", function () { if (p.url) { window.location.href = p.url; } });
        layer.on("add", function () {
          linkUp(map, layer, label, p.url, keyboard, function (style) {
            return L.circleMarker(layer.getLatLng(), L.extend({ radius: 14 }, style));
          });
        });
      }
    }).addTo(map);
  }

  function draw(container) {
    var source = document.getElementById(container.dataset.source);
    if (!source || typeof L === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var keyboard = container.dataset.keyboard;
    var map = L.map(container, { scrollWheelZoom: false, zoomControl: false, attributionControl: true, zoomSnap: 0.25 });
    germanControls(map, container);
    map.createPane("focus").style.zIndex = 650;
    if (data.tiles && data.tiles.url) {
      L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: 19 }).addTo(map);
    }
    var bounds = null;
    function extend(layer) {
      var b = layer.getBounds();
      if (b.isValid()) { bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast()); }
    }
    if (data.children && data.children.length) { extend(drawChildren(map, data, keyboard)); }
    if (data.outline && data.outline.length) {
      var outline = L.geoJSON({ type: "FeatureCollection", features: data.outline }, {
        interactive: false,
        style: { color: "#083f61", weight: 3, fill: !(data.children && data.children.length), fillOpacity: 0.15 }
      }).addTo(map);
      extend(outline);
    }
    if (data.points && data.points.length) { extend(drawPoints(map, data, keyboard)); }
    if (bounds) { map.fitBounds(bounds, { padding: [12, 12], maxZoom: 16 }); } else { map.setView([54.5, 10], 7); }
    // The shapes' SVG exists once the map has a view: the pattern goes into it then.
    if (data.choropleth) { hatchPattern(map); }
    // A map a form takes a point from (sozialraum/point_picker.js, loaded before this file).
    if (container.hasAttribute("data-point-picker") && window.Sozialraum) { window.Sozialraum.pointPicker(map, container); }
    container.dataset.ready = "true";
  }

  document.querySelectorAll("[data-map]").forEach(draw);
})();
