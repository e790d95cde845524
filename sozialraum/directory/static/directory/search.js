// The search page folds its form after a search, so that a phone shows the first result
// on its first screen. A wide screen has room for the form and the results: open it there.
(function () {
  "use strict";
  var folded = document.querySelector("details.search-filters");
  if (folded && window.matchMedia("(min-width: 48rem)").matches) {
    folded.open = true;
  }
})();
