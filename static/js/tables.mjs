// Tables scroll sideways inside a region of their own when they are wider than the page, so
// that the page itself reflows at 320 CSS pixels (WCAG 2.2, 1.4.10). The region is named by
// the table's caption and is focusable, so that it can be scrolled from the keyboard (as the
// scrollable tables of GOV.UK services do). Set once, when the page loads: nothing changes
// under a screen reader (or axe-core) afterwards.
export function initScrollableTables(root = document) {
  for (const table of root.querySelectorAll("table.govuk-table")) {
    if (table.closest(".app-table-scroll")) continue;
    const caption = table.querySelector("caption");
    const region = document.createElement("div");
    region.className = "app-table-scroll";
    region.setAttribute("role", "region");
    region.setAttribute("tabindex", "0");
    region.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
    table.parentNode.insertBefore(region, table);
    region.appendChild(table);
  }
}
