// Sorting and filtering of the index table; the report works without it, just unsorted.
(function () {
  "use strict";
  var table = document.getElementById("records");
  if (!table) { return; }
  var body = table.tBodies[0];
  var filter = document.getElementById("filter");
  var onlyChanged = document.getElementById("only-changed");

  function cellValue(row, column, kind) {
    var text = row.cells[column].textContent.trim();
    return kind === "number" ? parseFloat(text) || 0 : text.toLowerCase();
  }

  function sortBy(header) {
    var column = header.cellIndex;
    var kind = header.getAttribute("data-kind");
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(header.parentNode.cells, function (cell) { cell.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, column, kind), y = cellValue(b, column, kind);
      return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function applyFilter() {
    var needle = (filter.value || "").toLowerCase();
    var changedOnly = onlyChanged && onlyChanged.checked;
    Array.prototype.forEach.call(body.rows, function (row) {
      var matches = row.textContent.toLowerCase().indexOf(needle) !== -1;
      var changed = row.getAttribute("data-changed") !== "0";
      row.hidden = !matches || (changedOnly && !changed);
    });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header) {
    header.addEventListener("click", function () { sortBy(header); });
    header.addEventListener("keydown", function (event) { if (event.key === "Enter") { sortBy(header); } });
  });
  filter.addEventListener("input", applyFilter);
  if (onlyChanged) { onlyChanged.addEventListener("change", applyFilter); }
}());
