// Builds the front-end assets into static/build/ (not committed): GOV.UK Frontend's Sass
// compiled with the service's settings, its JavaScript and its images.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const frontend = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const out = join(root, "static", "build");

mkdirSync(out, { recursive: true });
const css = sass.compile(join(root, "assets", "app.scss"), {
  importers: [new sass.NodePackageImporter()],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "app.css"), css.css);
cpSync(join(frontend, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
cpSync(join(frontend, "assets", "images"), join(out, "assets", "images"), { recursive: true });
console.log("Built static/build/app.css and copied GOV.UK Frontend's JavaScript and images.");
