/* Repairs what screen readers and axe-core find in the Django admin's own widgets. Loaded
   as a static file (the CSP refuses inline script); changes attributes only.

   - Autocomplete fields (select2): the search box is named after its field (the field's
     label, or in a tabular inline the column's heading); the single-choice combobox is
     named by its field and its current choice, and its rendered choice is plain text (an
     empty choice left a nameless "textbox"); while open it names the list it controls
     (ARIA 1.2 wants aria-controls, select2 writes aria-owns); the "remove all" cross among
     the chosen items of a multiple choice is an item of their list.
   - Filter boxes of filter_horizontal: the search icon in their label, which carries the
     help text as aria-label, is an image (aria-label on a plain span is not allowed). */
(function () {
  "use strict";

  var generated = 0;

  function clean(text) {
    return (text || "").replace(/\s+/g, " ").replace(/[:\s]+$/, "").trim();
  }

  /* The element that names a select: its label, or its column's heading in a tabular
     inline. */
  function nameElementOf(select) {
    var label = select.id && document.querySelector('label[for="' + CSS.escape(select.id) + '"]');
    if (label) return label;
    var cell = select.closest("td[class^='field-'], td[class*=' field-']");
    var table = cell && cell.closest("table");
    if (!cell || !table) return null;
    var column = /(?:^|\s)field-(\S+)/.exec(cell.className)[1];
    return table.querySelector("th.column-" + CSS.escape(column));
  }

  function nameOf(select) {
    var element = nameElementOf(select);
    if (element) return clean(element.textContent);
    return clean(select.getAttribute("aria-label") || select.name);
  }

  function idOf(element) {
    if (!element.id) element.setAttribute("id", "sozialraum-name-" + (generated += 1));
    return element.id;
  }

  /* The select a select2 container stands for. */
  function selectOf(inner) {
    var container = inner.closest(".select2-container");
    var before = container && container.previousElementSibling;
    return before && before.tagName === "SELECT" ? before : null;
  }

  function searchName(field) {
    var controls = /^select2-(.+)-results$/.exec(field.getAttribute("aria-controls") || "");
    var select = controls ? document.getElementById(controls[1]) : selectOf(field);
    if (select) field.setAttribute("aria-label", nameOf(select));
  }

  function comboboxName(selection) {
    var rendered = selection.querySelector(".select2-selection__rendered");
    var select = selectOf(selection);
    if (!rendered || !rendered.id || !select) return;
    rendered.removeAttribute("role");
    rendered.removeAttribute("aria-readonly");
    var name = nameElementOf(select);
    var ids = name ? idOf(name) + " " + rendered.id : rendered.id;
    if (selection.getAttribute("aria-labelledby") !== ids) {
      selection.setAttribute("aria-labelledby", ids);
    }
    if (!name) selection.setAttribute("aria-label", nameOf(select));
  }

  function controlsMirrored(selection) {
    var owns = selection.getAttribute("aria-owns");
    if (owns) selection.setAttribute("aria-controls", owns);
    else selection.removeAttribute("aria-controls");
  }

  function repair() {
    document.querySelectorAll(".select2-search__field").forEach(searchName);
    document.querySelectorAll(".select2-selection--single").forEach(comboboxName);
    document.querySelectorAll("ul > .select2-selection__clear").forEach(function (cross) {
      cross.setAttribute("role", "listitem");
    });
    document.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches(".select2-search__field")) {
      searchName(event.target);
    }
  });
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.type === "attributes" && change.target.matches(".select2-selection")) {
        controlsMirrored(change.target);
      }
    });
    if (changes.some(function (change) { return change.type === "childList"; })) repair();
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["aria-owns"],
  });
  document.addEventListener("DOMContentLoaded", repair);
})();
