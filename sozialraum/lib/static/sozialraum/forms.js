/* Forms (WCAG 3.3.1, 2.4.3): one behaviour for invalid input, the server's.
 *
 * - Every form in <main> gets novalidate: the browser's own bubbles vanish and are not
 *   announced; the server's messages and the error summary are the one behaviour.
 * - After an invalid submit the error summary (lib/templates/includes/error_summary.html)
 *   takes the focus, so a screen reader reads the count and the list first.
 * - A link in the summary moves the focus to its field (not only the scroll position).
 */
(function () {
  "use strict";

  var forms = document.querySelectorAll("main form");
  for (var i = 0; i < forms.length; i++) {
    forms[i].noValidate = true;
  }

  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-link]");
    if (!link) {
      return;
    }
    var field = document.getElementById(link.dataset.errorLink);
    if (!field) {
      return;
    }
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
  });
})();
