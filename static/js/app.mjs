import { initAll } from "../build/govuk-frontend.min.js";
import { initScrollableTables } from "./tables.mjs";
import { initTimeoutWarning } from "./timeout-warning.mjs";

initAll();
initScrollableTables();
const timeoutWarning = document.getElementById("timeout-warning");
if (timeoutWarning) initTimeoutWarning(timeoutWarning);
