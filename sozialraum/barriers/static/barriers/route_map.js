// The route map of a neighbourhood walk (barriers/_route_map.html): draws the district's
// outline, the route as a line and the barriers as points from the JSON in the element
// named by data-source. With data-editable, a click on the map appends "lat, lon" to the
// route field ([data-route-input]) and redraws the line; with data-point-picker, a click
// fills the position fields named by data-lat-field/data-lon-field and sets a marker there
// (the shared sozialraum/point_picker.js). A [data-my-position] button fills the same
// fields from the browser's geolocation (their change event moves the picker's marker).
// Nothing here builds markup from strings: Leaflet gets no tooltip or popup text.
(function () {
  "use strict";

  function parseRoute(text) {
    var points = [];
    text.split("\n").forEach(function (line) {
      var parts = line.split(",");
      if (parts.length !== 2) { return; }
      var lat = parseFloat(parts[0]), lon = parseFloat(parts[1]);
      if (!isNaN(lat) && !isNaN(lon)) { points.push([lat, lon]); }
    });
    return points;
  }

  function rounded(value) { return Math.round(value * 1e6) / 1e6; }

  function setPosition(latField, lonField, lat, lon) {
    latField.value = rounded(lat);
    lonField.value = rounded(lon);
    latField.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function draw(container) {
    var source = document.getElementById(container.dataset.source);
    if (!source || typeof L === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var map = L.map(container, { scrollWheelZoom: false, zoomSnap: 0.25 });
    if (data.tiles && data.tiles.url) {
      L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: 19 }).addTo(map);
    }
    var bounds = null;
    function extend(b) { if (b && b.isValid()) { bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast()); } }
    if (data.outline && data.outline.length) {
      var outline = L.geoJSON({ type: "FeatureCollection", features: data.outline }, {
        interactive: false, style: { color: "#083f61", weight: 3, fillOpacity: 0.08 }
      }).addTo(map);
      extend(outline.getBounds());
    }
    if (data.route && data.route.length) { extend(L.latLngBounds(data.route)); }
    (data.points || []).forEach(function (f) {
      var c = f.geometry.coordinates;
      extend(L.latLngBounds([[c[1], c[0]], [c[1], c[0]]]));
    });
    if (bounds) { map.fitBounds(bounds, { padding: [12, 12], maxZoom: 17 }); } else { map.setView([54.78, 9.43], 13); }
    // Drawn once the map has a view: an empty line added before would have no bounds.
    var line = L.polyline(data.route || [], { color: "#0b5c8c", weight: 5, interactive: false }).addTo(map);
    (data.points || []).forEach(function (f) {
      var c = f.geometry.coordinates;
      L.circleMarker([c[1], c[0]], {
        radius: 8, color: "#000", weight: 1, fillColor: f.properties.colour || "#b3261e", fillOpacity: 1, interactive: false
      }).addTo(map);
    });

    var input = document.querySelector("[data-route-input]");
    if (container.hasAttribute("data-editable") && input) {
      input.addEventListener("input", function () { line.setLatLngs(parseRoute(input.value)); });
      map.on("click", function (event) {
        var text = input.value.replace(/\s+$/, "");
        input.value = (text ? text + "\n" : "") + rounded(event.latlng.lat) + ", " + rounded(event.latlng.lng);
        line.setLatLngs(parseRoute(input.value));
      });
    }
    // The barrier's position: the shared map-point picker (sozialraum/point_picker.js).
    if (container.hasAttribute("data-point-picker")) { window.Sozialraum.pointPicker(map, container); }
    container.dataset.ready = "true";
  }

  function myPosition(button) {
    if (!("geolocation" in navigator)) { return; }
    button.hidden = false;
    var status = document.getElementById(button.dataset.status);
    button.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        var lat = position.coords.latitude, lon = position.coords.longitude;
        setPosition(document.getElementById(button.dataset.latField), document.getElementById(button.dataset.lonField), lat, lon);
        status.textContent = status.dataset.found;
      }, function () { status.textContent = status.dataset.denied; }, { enableHighAccuracy: true, timeout: 15000 });
    });
  }

  document.querySelectorAll("[data-route-map]").forEach(draw);
  document.querySelectorAll("[data-my-position]").forEach(myPosition);
})();
