// The opening-hours editor: adds and removes day-and-time rows of the server-side formset
// and shows either the rows or the expert OSM field. Without JavaScript the page shows
// both and one empty row; the checkbox "expert mode" decides which one is saved.
(function () {
  "use strict";
  var editor = document.querySelector(".hours-editor");
  if (!editor) { return; }
  var rows = editor.querySelector(".hours-rows");
  var total = editor.querySelector("input[name=hours-TOTAL_FORMS]");
  var maximum = editor.querySelector("input[name=hours-MAX_NUM_FORMS]");
  var expert = editor.querySelector("input[name=hours_expert]");
  var labels = document.documentElement.lang === "de"
    ? { add: "Weitere Zeile", remove: "Zeile entfernen" }
    : { add: "Add a line", remove: "Remove this line" };

  function renumber(row, index) {
    row.querySelectorAll("[name], [id], [for]").forEach(function (node) {
      ["name", "id", "for"].forEach(function (attribute) {
        var value = node.getAttribute(attribute);
        if (value) { node.setAttribute(attribute, value.replace(/hours-\d+-/, "hours-" + index + "-")); }
      });
    });
  }

  function clear(row) {
    row.querySelectorAll("input").forEach(function (input) {
      if (input.type === "checkbox") { input.checked = false; } else { input.value = ""; }
    });
    row.querySelectorAll(".errorlist").forEach(function (list) { list.remove(); });
  }

  function removeButton(row) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "link-button hours-remove";
    button.textContent = labels.remove;
    button.addEventListener("click", function () {
      var all = rows.querySelectorAll(".hours-row");
      if (all.length === 1) { clear(row); return; }
      row.remove();
      rows.querySelectorAll(".hours-row").forEach(renumber);
      total.value = String(rows.querySelectorAll(".hours-row").length);
    });
    row.appendChild(button);
  }

  function addRow() {
    var all = rows.querySelectorAll(".hours-row");
    if (maximum && all.length >= Number(maximum.value)) { return; }
    var row = all[all.length - 1].cloneNode(true);
    row.querySelectorAll(".hours-remove").forEach(function (node) { node.remove(); });
    clear(row);
    renumber(row, all.length);
    removeButton(row);
    rows.appendChild(row);
    total.value = String(all.length + 1);
    var first = row.querySelector("input");
    if (first) { first.focus(); }
  }

  rows.querySelectorAll(".hours-row").forEach(removeButton);
  var actions = document.createElement("div");
  actions.className = "hours-actions";
  var add = document.createElement("button");
  add.type = "button";
  add.className = "button";
  add.textContent = labels.add;
  add.addEventListener("click", addRow);
  actions.appendChild(add);
  rows.after(actions);

  function showMode() {
    editor.classList.toggle("js-expert", expert.checked);
    editor.classList.toggle("js-rows", !expert.checked);
  }
  expert.addEventListener("change", showMode);
  showMode();
}());
