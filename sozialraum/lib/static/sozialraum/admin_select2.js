/* Names the search boxes of the admin's autocomplete fields (select2). select2 renders its
   own search input, with no label, in the selection (multiple choice) or in the dropdown
   (single choice); each gets the name of the field it searches: the field's label, or in a
   tabular inline the column's heading. Loaded as a static file: the CSP refuses inline
   script. */
(function () {
  "use strict";

  function clean(text) {
    return (text || "").replace(/\s+/g, " ").replace(/[:\s]+$/, "").trim();
  }

  function nameOf(select) {
    var label = select.id && document.querySelector('label[for="' + CSS.escape(select.id) + '"]');
    if (label) return clean(label.textContent);
    var cell = select.closest("td[class^='field-'], td[class*=' field-']");
    var table = cell && cell.closest("table");
    if (cell && table) {
      var column = /(?:^|\s)field-(\S+)/.exec(cell.className)[1];
      var heading = table.querySelector("th.column-" + CSS.escape(column));
      if (heading) return clean(heading.textContent);
    }
    return clean(select.getAttribute("aria-label") || select.name);
  }

  function selectOf(field) {
    var controls = /^select2-(.+)-results$/.exec(field.getAttribute("aria-controls") || "");
    if (controls) return document.getElementById(controls[1]);
    var container = field.closest(".select2-container");
    var before = container && container.previousElementSibling;
    return before && before.tagName === "SELECT" ? before : null;
  }

  function label(field) {
    var select = selectOf(field);
    if (select) field.setAttribute("aria-label", nameOf(select));
  }

  function labelAll() {
    document.querySelectorAll(".select2-search__field").forEach(label);
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches(".select2-search__field")) label(event.target);
  });
  new MutationObserver(labelAll).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", labelAll);
})();
