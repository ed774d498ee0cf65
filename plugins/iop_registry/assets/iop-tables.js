/* Wide tables: a table that is wider than its container scrolls inside it (the container
   has a shadow at the edge that has more, see iop-registret.css); this script adds a line
   above such a table that says so, and removes it when the table fits. On a phone every
   table is a list of rows and fits, so the line shows only on wider screens. */
(function () {
  "use strict";
  var wraps = Array.prototype.slice.call(document.querySelectorAll(".iop-table-wrap"));
  if (!wraps.length) return;
  var hints = wraps.map(function (wrap) {
    var hint = document.createElement("p");
    hint.className = "iop-table-wrap__hint";
    hint.textContent = "Tabellen är bredare än sidan: rulla i sidled för att se alla kolumner.";
    hint.hidden = true;
    wrap.parentNode.insertBefore(hint, wrap);
    return hint;
  });
  function update() {
    wraps.forEach(function (wrap, i) { hints[i].hidden = wrap.scrollWidth <= wrap.clientWidth + 1; });
  }
  update();
  window.addEventListener("resize", update);
})();
