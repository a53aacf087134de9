"use strict";
// Sorting and filtering of each plan's action table. Reads only the page's own DOM; never
// writes HTML (rows are shown, hidden and moved, their text is never re-parsed).
(function () {
  function cellValue(row, column, type) {
    const cell = row.cells[column];
    const raw = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
    if (type === "number") return Number(raw) || 0;
    if (type === "id") return raw.split(/[.\s]+/).map(function (part) {
      return /^\d+$/.test(part) ? part.padStart(6, "0") : part.toLowerCase();
    }).join(".");
    return raw.toLowerCase();
  }

  function sortBy(table, button, wanted) {
    const column = button.closest("th").cellIndex;
    const type = button.dataset.type;
    const order = wanted || (button.dataset.order === "asc" ? "desc" : "asc");
    table.querySelectorAll("th button").forEach(function (b) { delete b.dataset.order; });
    button.dataset.order = order;
    const body = table.tBodies[0];
    const rows = Array.from(body.rows).map(function (row, i) {
      return { row: row, key: cellValue(row, column, type), i: i };
    });
    rows.sort(function (a, b) {
      const cmp = a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i;
      return order === "asc" ? cmp : -cmp;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
  }

  function applyFilters(controls, table) {
    const text = controls.querySelector(".filter-text").value.trim().toLowerCase();
    const status = controls.querySelector(".filter-status").value;
    const rag = controls.querySelector(".filter-rag").value;
    const overdue = controls.querySelector(".filter-overdue").checked;
    let shown = 0;
    const rows = table.tBodies[0].rows;
    for (const row of rows) {
      const visible = (!text || row.textContent.toLowerCase().includes(text)) &&
        (!status || row.dataset.status === status) &&
        (!rag || row.dataset.rag === rag) &&
        (!overdue || row.dataset.overdue === "yes");
      row.hidden = !visible;
      shown += visible ? 1 : 0;
    }
    controls.querySelector(".shown").textContent = shown + " of " + rows.length + " shown";
  }

  // A view can be linked to: report.html?q=housing&status=delayed&rag=red&overdue=1&sort=due
  function applyQuery(controls, table, query) {
    if (query.has("q")) controls.querySelector(".filter-text").value = query.get("q");
    if (query.has("status")) controls.querySelector(".filter-status").value = query.get("status");
    if (query.has("rag")) controls.querySelector(".filter-rag").value = query.get("rag");
    controls.querySelector(".filter-overdue").checked = query.get("overdue") === "1";
    applyFilters(controls, table);
    const sort = (query.get("sort") || "").toLowerCase();
    table.querySelectorAll("th button").forEach(function (button) {
      if (sort && button.textContent.trim().toLowerCase() === sort) {
        sortBy(table, button, query.get("order") === "desc" ? "desc" : "asc");
      }
    });
  }

  const query = new URLSearchParams(window.location.search);
  document.querySelectorAll(".controls").forEach(function (controls) {
    const table = document.getElementById(controls.dataset.table);
    if (!table) return;
    controls.addEventListener("input", function () { applyFilters(controls, table); });
    controls.addEventListener("change", function () { applyFilters(controls, table); });
    table.querySelectorAll("th button").forEach(function (button) {
      button.addEventListener("click", function () { sortBy(table, button); });
    });
    applyQuery(controls, table, query);
  });
  document.documentElement.dataset.ready = "yes";
})();
