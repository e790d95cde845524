// The map-point picker, one for every form that takes a point (a person's home, an idea's
// place, a barrier): a click or tap on the map, or Enter on the focused map for its centre
// (the arrow keys move the map), fills the form's latitude and longitude fields and sets a
// marker there; a change of those fields (typed, filled by the address field's suggestion
// or by the device's position) moves the marker and the map to it.
//
// sozialraum/map.js attaches it to a [data-map] container that has data-point-picker; a
// page's own map script (barriers/route_map.js) calls Sozialraum.pointPicker(map, container).
// The container names the fields and the status line: data-lat-field, data-lon-field (ids
// of the inputs), data-status (id of a role=status element), data-chosen (the status text
// before the coordinates). Nothing here builds markup from strings; the marker has no
// tooltip or popup.
(function () {
  "use strict";

  var ZOOM = 17;

  function rounded(value) { return Math.round(value * 1e6) / 1e6; }

  function attach(map, container) {
    var latField = document.getElementById(container.dataset.latField);
    var lonField = document.getElementById(container.dataset.lonField);
    var status = document.getElementById(container.dataset.status || "");
    var marker = null;
    if (!latField || !lonField) { return; }

    function show(lat, lon) {
      if (marker) { marker.setLatLng([lat, lon]); return; }
      marker = L.circleMarker([lat, lon], {
        radius: 9, color: "#000", weight: 2, fillColor: "#b3261e", fillOpacity: 1, interactive: false
      }).addTo(map);
    }

    // The point in the fields, on the map; none when a field is empty or not a number.
    function fromFields() {
      var lat = parseFloat(latField.value), lon = parseFloat(lonField.value);
      if (isNaN(lat) || isNaN(lon)) {
        if (marker) { map.removeLayer(marker); marker = null; }
        return;
      }
      show(lat, lon);
      map.setView([lat, lon], Math.max(map.getZoom() || 0, ZOOM));
    }

    function pick(latlng) {
      latField.value = rounded(latlng.lat);
      lonField.value = rounded(latlng.lng);
      show(latlng.lat, latlng.lng);
      if (status) {
        status.textContent = (container.dataset.chosen || "") + " " + latField.value + ", " + lonField.value;
      }
    }

    map.on("click", function (event) { pick(event.latlng); });
    container.addEventListener("keydown", function (event) {
      if (event.target === container && event.key === "Enter") {
        event.preventDefault();
        pick(map.getCenter());
      }
    });
    latField.addEventListener("change", fromFields);
    lonField.addEventListener("change", fromFields);
    if (latField.value && lonField.value) { fromFields(); }
    container.dataset.pickerReady = "true";
  }

  window.Sozialraum = window.Sozialraum || {};
  window.Sozialraum.pointPicker = attach;
})();
