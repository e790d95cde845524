/* Time limits (WCAG 2.2.1): warns before a signed-in session ends and keeps what was typed.
 *
 * The dialog (accounts/includes/session_dialog.html) carries the seconds left until the idle
 * sign-out and until the end of the absolute lifetime, as the server counted them. Two
 * minutes before either, it opens as a modal alert dialog: the idle one offers "stay signed
 * in" (a POST that restarts the idle clock), the lifetime one says it cannot be extended.
 *
 * Drafts: the fields of each form posted from <main> are kept in sessionStorage (this tab
 * only, gone when the tab closes, cleared on sign-out and after a successful submit), keyed
 * by user and page. A draft is filled in again only when the session ended before it was
 * saved: the submit landed on the sign-in page, or the dialog showed the session as ended.
 */
(function () {
  "use strict";

  var DRAFT = "sozialraum-draft:";
  var PENDING = "sozialraum-draft-pending";
  var dialog = document.getElementById("session-dialog");
  var statusRegion = document.getElementById("session-status");
  var userId = dialog ? dialog.dataset.user : null;

  function store() {
    try {
      return window.sessionStorage;
    } catch (error) {
      return null;
    }
  }

  function readJson(key) {
    var storage = store();
    var raw = storage && storage.getItem(key);
    if (!raw) return null;
    try {
      return JSON.parse(raw);
    } catch (error) {
      return null;
    }
  }

  function text(name) {
    var template = document.getElementById("session-dialog-texts");
    var node = template && template.content.querySelector('[data-text="' + name + '"]');
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function announce(message) {
    if (!statusRegion) return;
    statusRegion.textContent = "";
    window.setTimeout(function () {
      statusRegion.textContent = message;
    }, 50);
  }

  /* --- Drafts ------------------------------------------------------------------------ */

  function draftForms() {
    var forms = document.querySelectorAll("main form");
    return Array.prototype.filter.call(forms, function (form) {
      var method = (form.getAttribute("method") || "get").toLowerCase();
      return method === "post" && !form.hasAttribute("data-no-draft") &&
        !form.querySelector("input[type=password]");
    });
  }

  function draftKey(index) {
    return DRAFT + userId + ":" + window.location.pathname + ":" + index;
  }

  function keptField(element) {
    var skipped = ["hidden", "password", "file", "submit", "button", "reset"];
    return element.name && skipped.indexOf(element.type) === -1;
  }

  function fieldValues(form) {
    var values = [];
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!keptField(element)) return;
      if (element.type === "checkbox" || element.type === "radio") {
        values.push([element.name, element.value, element.checked]);
      } else if (element.multiple) {
        Array.prototype.forEach.call(element.options, function (option) {
          values.push([element.name, option.value, option.selected]);
        });
      } else {
        values.push([element.name, element.value, null]);
      }
    });
    return values;
  }

  function fieldsApply(form, values) {
    values.forEach(function (entry) {
      var elements = Array.prototype.filter.call(form.elements, function (element) {
        return element.name === entry[0] && keptField(element);
      });
      elements.forEach(function (element) {
        if (element.type === "checkbox" || element.type === "radio") {
          if (element.value === entry[1]) element.checked = entry[2];
        } else if (element.multiple) {
          Array.prototype.forEach.call(element.options, function (option) {
            if (option.value === entry[1]) option.selected = entry[2];
          });
        } else {
          element.value = entry[1];
        }
      });
    });
  }

  function draftSave(form, key, lost) {
    var storage = store();
    if (storage) storage.setItem(key, JSON.stringify({ lost: lost, fields: fieldValues(form) }));
  }

  function hasErrors(form) {
    return form.querySelector(".errorlist, [aria-invalid=true]") !== null;
  }

  /* A submit that was followed by a page of this user: it was saved (clear the draft), or
   * it came back with errors (keep the draft, the page shows what was posted). */
  function pendingSettle(forms) {
    var storage = store();
    var pending = storage && storage.getItem(PENDING);
    if (!pending) return;
    storage.removeItem(PENDING);
    var back = forms.some(function (form, index) {
      return draftKey(index) === pending && hasErrors(form);
    });
    if (!back) storage.removeItem(pending);
  }

  /* On a page without a signed-in user, a pending submit never reached its view. */
  function pendingLost() {
    var storage = store();
    var pending = storage && storage.getItem(PENDING);
    if (!pending) return;
    storage.removeItem(PENDING);
    var draft = readJson(pending);
    if (draft) storage.setItem(pending, JSON.stringify({ lost: true, fields: draft.fields }));
  }

  function draftRestore(form, key) {
    var draft = readJson(key);
    if (!draft || !draft.lost || hasErrors(form)) {
      if (draft && !draft.lost) store().removeItem(key);
      return false;
    }
    fieldsApply(form, draft.fields);
    draftSave(form, key, false);
    return true;
  }

  function draftsWatch(forms) {
    var restored = false;
    forms.forEach(function (form, index) {
      var key = draftKey(index);
      if (draftRestore(form, key)) restored = true;
      var save = function () { draftSave(form, key, false); };
      form.addEventListener("input", save);
      form.addEventListener("change", save);
      form.addEventListener("submit", function () {
        draftSave(form, key, false);
        store().setItem(PENDING, key);
      });
    });
    if (restored) announce(text("restored"));
  }

  function draftsMarkLost(forms) {
    forms.forEach(function (form, index) { draftSave(form, draftKey(index), true); });
  }

  function draftsClearAll() {
    var storage = store();
    if (!storage) return;
    for (var i = storage.length - 1; i >= 0; i -= 1) {
      var key = storage.key(i);
      if (key && (key.indexOf(DRAFT) === 0 || key === PENDING)) storage.removeItem(key);
    }
  }

  /* --- The warning ------------------------------------------------------------------- */

  var idleDeadline = 0;
  var lifetimeDeadline = 0;
  var timers = [];
  var returnFocus = null;
  var forms = [];

  function deadlinesSet(idleSeconds, lifetimeSeconds) {
    var now = Date.now();
    idleDeadline = now + idleSeconds * 1000;
    lifetimeDeadline = now + lifetimeSeconds * 1000;
  }

  function clockTime(deadline) {
    var lang = document.documentElement.lang || "de";
    return new Date(deadline).toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
  }

  function showButtons(kind) {
    var visible = { extend: kind === "idle", close: kind === "lifetime", login: kind === "ended" };
    var primary = null;
    dialog.querySelectorAll("[data-session-action]").forEach(function (control) {
      var shown = visible[control.dataset.sessionAction];
      control.hidden = !shown;
      if (shown) primary = control;
    });
    return primary;
  }

  function dialogOpen(kind) {
    var deadline = kind === "lifetime" ? lifetimeDeadline : idleDeadline;
    document.getElementById("session-dialog-title").textContent = text(kind + "-title");
    document.getElementById("session-dialog-text").textContent =
      text(kind).replace("{time}", clockTime(deadline));
    dialog.dataset.kind = kind;
    var primary = showButtons(kind);
    if (!dialog.open) {
      returnFocus = document.activeElement;
      dialog.showModal();
    }
    if (primary) primary.focus();
  }

  function dialogClose() {
    if (dialog.open) dialog.close();
    if (returnFocus && typeof returnFocus.focus === "function") returnFocus.focus();
    returnFocus = null;
  }

  function sessionEnded() {
    draftsMarkLost(forms);
    var login = dialog.querySelector('[data-session-action="login"]');
    var next = window.location.pathname + window.location.search;
    login.href = dialog.dataset.loginUrl + "?next=" + encodeURIComponent(next);
    dialogOpen("ended");
  }

  function schedule() {
    timers.forEach(window.clearTimeout);
    var warn = Number(dialog.dataset.warnSeconds) * 1000;
    var lifetimeFirst = lifetimeDeadline <= idleDeadline;
    var deadline = lifetimeFirst ? lifetimeDeadline : idleDeadline;
    var now = Date.now();
    timers = [
      window.setTimeout(function () {
        dialogOpen(lifetimeFirst ? "lifetime" : "idle");
      }, Math.max(0, deadline - warn - now)),
      window.setTimeout(sessionEnded, Math.max(0, deadline - now)),
    ];
  }

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function extend() {
    window.fetch(dialog.dataset.extendUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
    }).then(function (response) {
      var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (!response.ok || !json) throw new Error("session ended");
      return response.json();
    }).then(function (answer) {
      deadlinesSet(answer.idle_seconds, answer.lifetime_seconds);
      schedule();
      dialogClose();
      announce(text("extended"));
    }).catch(sessionEnded);
  }

  function dialogWire() {
    dialog.addEventListener("click", function (event) {
      var action = event.target.closest("[data-session-action]");
      if (!action) return;
      if (action.dataset.sessionAction === "extend") extend();
      if (action.dataset.sessionAction === "close") dialogClose();
    });
    dialog.addEventListener("cancel", function (event) {
      // Escape closes a warning, but the "ended" state stays until the user signs in.
      if (dialog.dataset.kind === "ended") event.preventDefault();
    });
  }

  function signOutClearsDrafts() {
    document.querySelectorAll("form[data-sign-out]").forEach(function (form) {
      form.addEventListener("submit", draftsClearAll);
    });
  }

  if (!dialog) {
    pendingLost();
    return;
  }
  forms = draftForms();
  pendingSettle(forms);
  draftsWatch(forms);
  signOutClearsDrafts();
  deadlinesSet(Number(dialog.dataset.idleSeconds), Number(dialog.dataset.lifetimeSeconds));
  dialogWire();
  schedule();
})();
