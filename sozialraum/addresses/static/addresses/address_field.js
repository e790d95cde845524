// The address field (WAI-ARIA combobox with a list): HTMX puts the suggestions for the text
// typed into the list; the arrow keys move through them, Enter or a click chooses one, Escape
// closes the list. Choosing writes the street and number into the field and fills the
// form's postcode, city, latitude and longitude (named by the input's data-*-field
// attributes); a form without a city field gets the whole address in the field. Filled
// coordinates send a change event (a map-point picker moves its marker). Typing again
// after a choice empties the coordinates it filled. A status line tells screen readers how
// many suggestions there are and what was chosen.
(function () {
  "use strict";
  var german = document.documentElement.lang === "de";
  var words = german
    ? { one: "1 Vorschlag", many: " Vorschläge", keys: ", mit den Pfeiltasten wählen",
        none: "Keine Adresse gefunden", chosen: "Übernommen: " }
    : { one: "1 suggestion", many: " suggestions", keys: ", choose with the arrow keys",
        none: "No address found", chosen: "Chosen: " };

  function setUp(input) {
    var listbox = document.getElementById(input.getAttribute("aria-controls"));
    var status = document.getElementById(input.id + "-status");
    var active = -1;
    var chosen = false;
    if (!listbox || !status) { return; }

    function options() {
      return Array.prototype.slice.call(listbox.querySelectorAll("[role=option]"));
    }

    function activate(index) {
      var all = options();
      active = index;
      all.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open(show) {
      listbox.hidden = !show;
      input.setAttribute("aria-expanded", show ? "true" : "false");
      if (!show) { activate(-1); }
    }

    function fill(key, value) {
      var name = input.getAttribute("data-" + key + "-field");
      var target = name && input.form ? input.form.elements.namedItem(name) : null;
      if (target) {
        target.value = value;
        if (key === "lat") { target.dispatchEvent(new Event("change", { bubbles: true })); }
      }
    }

    function choose(option) {
      var whole = !input.hasAttribute("data-city-field");
      input.value = option.getAttribute(whole ? "data-label" : "data-street") || input.value;
      fill("postcode", option.getAttribute("data-postcode") || "");
      fill("city", option.getAttribute("data-city") || "");
      fill("lon", option.getAttribute("data-lon"));
      fill("lat", option.getAttribute("data-lat"));
      chosen = true;
      open(false);
      status.textContent = words.chosen + option.textContent;
    }

    listbox.addEventListener("htmx:afterSwap", function () {
      var count = options().length;
      open(count > 0 && document.activeElement === input);
      if (count === 0) {
        status.textContent = input.value.trim().length >= 3 ? words.none : "";
      } else {
        status.textContent = (count === 1 ? words.one : count + words.many) + words.keys;
      }
    });

    input.addEventListener("input", function () {
      if (chosen) { fill("lon", ""); fill("lat", ""); chosen = false; }
    });

    input.addEventListener("keydown", function (event) {
      var all = options();
      if ((event.key === "ArrowDown" || event.key === "ArrowUp") && all.length) {
        event.preventDefault();
        open(true);
        var down = event.key === "ArrowDown";
        if (active < 0) {
          activate(down ? 0 : all.length - 1);
        } else {
          activate((active + (down ? 1 : all.length - 1)) % all.length);
        }
      } else if (event.key === "Enter" && !listbox.hidden && active >= 0) {
        event.preventDefault();
        choose(all[active]);
      } else if (event.key === "Escape" && !listbox.hidden) {
        event.preventDefault();
        open(false);
      }
    });

    // Keep the focus in the field while a suggestion is clicked.
    listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    listbox.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) { choose(option); input.focus(); }
    });
    input.addEventListener("blur", function () { open(false); });
  }

  document.querySelectorAll("input[data-address-field]").forEach(setUp);
})();
