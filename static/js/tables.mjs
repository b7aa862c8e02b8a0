// Tables scroll sideways inside a region of their own, so that the page itself reflows at 320
// CSS pixels (WCAG 2.2, 1.4.10). A region that is wider than the screen when the page loads
// is named by the table's caption and made focusable, so that it can be scrolled from the
// keyboard (as the scrollable tables of GOV.UK services are); one that fits adds no tab stop.
// Set once, when the page loads: nothing changes under a screen reader (or axe-core) later.
export function initScrollableTables(root = document) {
  for (const table of root.querySelectorAll("table.govuk-table")) {
    if (table.closest(".app-table-scroll")) continue;
    const region = document.createElement("div");
    region.className = "app-table-scroll";
    table.parentNode.insertBefore(region, table);
    region.appendChild(table);
    if (region.scrollWidth > region.clientWidth + 1) {
      const caption = table.querySelector("caption");
      region.setAttribute("role", "region");
      region.setAttribute("tabindex", "0");
      region.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
    }
  }
}
