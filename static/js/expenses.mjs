// Keeps what a rep types in the claim's forms (what the costs were for, and
// "Add a cost"), so a lost connection never loses it: the shared drafts of
// drafts.mjs. Progressive enhancement: the forms work without this file.
import { draftFor, forgetDraft } from "./drafts.mjs";

const form = document.querySelector("form[data-draft-key]");
const savedNow = document.querySelector(".govuk-notification-banner--success") !== null;

if (form) {
  const draft = draftFor(form);
  let kept = draft.read();
  // "Cost added" is showing: the last cost reached the server, so its draft
  // is not needed. An error showing: the server sent back what was typed.
  if (savedNow) {
    draft.forget();
    kept = null;
  }
  // The fields that make a draft worth restoring (not just a default date).
  const needs = (form.dataset.draftNeeds || "amount miles description").split(" ");
  if (kept && !draft.serverKept() && needs.some((name) => kept[name])) {
    draft.fill(kept);
    if (form.dataset.restoredText) draft.note(form.dataset.restoredText);
  }
  draft.keepWhileTyping();
}

// The claim's check page after "Cost added": the draft of that cost is saved.
const cleared = document.querySelector("[data-draft-clear]");
if (cleared && savedNow) forgetDraft(cleared.dataset.draftClear);

// The next step of a claim: its first step reached the server, so that
// step's draft (and its token) must not be restored for the next claim.
for (const el of document.querySelectorAll("[data-draft-forget]")) {
  forgetDraft(el.dataset.draftForget);
}
