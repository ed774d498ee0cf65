/* Sortable listing tables, as progressive enhancement: without JavaScript the table keeps
   its built order and the filter links still work. Cells may carry data-sort for a
   machine-readable key (ISO dates); numbers sort numerically, text with Swedish collation. */
(function () {
  "use strict";
  var collator = new Intl.Collator("sv", { numeric: true, sensitivity: "base" });

  function key(cell) {
    return cell.getAttribute("data-sort") || cell.textContent.trim();
  }

  function enhance(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "iop-sort-button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = collator.compare(key(a.cells[column]), key(b.cells[column]));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.iop-sortable"), enhance);
  }

  // Material's instant navigation swaps pages without a reload; document$ tells us when.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
