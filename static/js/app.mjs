// Progressive enhancement only: every page works without this file.
import { initAll } from "/static/build/govuk-frontend.min.js";
import { all, available } from "./queue.mjs";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// Signing out with counts or feedback still waiting on this phone: say so
// first. Either way the phone's copies of the surgery pages are removed,
// since the phone may be shared.
const signOut = document.querySelector('form[action$="/logout/"]');
if (signOut) {
  signOut.addEventListener("submit", async (event) => {
    if (signOut.dataset.checked) return;
    event.preventDefault();
    const waiting = available() ? await all().catch(() => []) : [];
    const warning = waiting.find((e) => e.signOutWarning)?.signOutWarning;
    if (waiting.length && !window.confirm(warning || "Some counts or feedback are not sent yet. Sign out anyway?")) {
      return;
    }
    if (window.caches) {
      const keys = await caches.keys();
      await Promise.all(keys.filter((k) => k.startsWith("said-and-done-")).map((k) => caches.delete(k)));
    }
    signOut.dataset.checked = "yes";
    signOut.requestSubmit();
  });
}

// A "Print" button where a page is meant to be printed (the setup-code
// letter). Hidden without JavaScript, where the browser's own print is used.
for (const button of document.querySelectorAll("[data-app-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
