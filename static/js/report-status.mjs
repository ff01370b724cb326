// A report's page while it is waiting or being made: look again every few
// seconds, and show the page afresh as soon as the report's state changes
// (the ready page then announces itself). Without JavaScript the "Check
// again" button does the same by hand, so this is only a convenience.

const WAITING = new Set(["queued", "rendering"]);
const FAST = 2000; // for the first minute: most reports take seconds
const SLOW = 6000;
const GIVE_UP = 15 * 60 * 1000; // by then the page offers to start it again

const here = document.querySelector("[data-app-report-status]");
const state = here?.dataset.appReportStatus;

if (here && WAITING.has(state)) {
  const hints = document.querySelectorAll("[data-app-report-updates]");
  const showHints = (shown) => hints.forEach((hint) => (hint.hidden = !shown));
  showHints(true);
  const started = Date.now();

  const stateNow = async () => {
    const response = await fetch(window.location.href, {
      credentials: "same-origin",
      cache: "no-store",
      redirect: "manual",
    });
    if (!response.ok) return null; // signed out, or a blip: try later
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    return page.querySelector("[data-app-report-status]")?.dataset.appReportStatus ?? null;
  };

  const look = async () => {
    if (!document.hidden) {
      const now = await stateNow().catch(() => null);
      if (now && now !== state) {
        window.location.reload();
        return;
      }
    }
    const waited = Date.now() - started;
    if (waited < GIVE_UP) setTimeout(look, waited < 60_000 ? FAST : SLOW);
    else showHints(false); // no longer true: "Check again" still works
  };

  setTimeout(look, FAST);
}
