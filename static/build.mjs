// Builds the front-end: compiles our Sass entry with GOV.UK Frontend and MoJ
// Frontend, and copies their JavaScript and images into static/build/.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import * as sass from "sass";

const out = "static/build";
mkdirSync(out, { recursive: true });

const result = sass.compile("static/scss/app.scss", {
  loadPaths: ["node_modules", "."],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin"],
});
writeFileSync(`${out}/app.css`, result.css);

cpSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", `${out}/govuk-frontend.min.js`);
cpSync("node_modules/govuk-frontend/dist/govuk/assets", `${out}/assets`, { recursive: true });
cpSync("node_modules/@ministryofjustice/frontend/moj/assets", `${out}/moj-assets`, { recursive: true });
cpSync("node_modules/axe-core/axe.min.js", `${out}/axe.min.js`);
console.log("Front-end built into static/build/");
