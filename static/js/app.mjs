import { initAll } from "../build/govuk-frontend.min.js";
import { initTimeoutWarning } from "./timeout-warning.mjs";

initAll();
const timeoutWarning = document.getElementById("timeout-warning");
if (timeoutWarning) initTimeoutWarning(timeoutWarning);
