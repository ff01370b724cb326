// Keeps what a rep types in the claim's forms (what the costs were for, and
// "Add a cost"), so a lost connection never loses it. Progressive
// enhancement: the forms work without this file.
// The draft lives in sessionStorage (this tab only: phones are often shared).
// It keeps the form's hidden token too, so sending a restored draft that did
// reach the server once makes no second claim or cost.
// A file cannot be kept by the browser; the rep chooses the photo again.

const form = document.querySelector("form[data-draft-key]");

if (form) {
  const key = `said-and-done:draft:${form.dataset.draftKey}`;
  const kept = (el) =>
    el.name && el.name !== "csrfmiddlewaretoken" && !["submit", "button", "file"].includes(el.type);
  const fields = () => Array.from(form.elements).filter(kept);

  const save = () => {
    const draft = {};
    for (const el of fields()) {
      if (el.type === "radio") {
        if (el.checked) draft[el.name] = el.value;
      } else if (el.type === "checkbox") {
        draft[el.name] = el.checked;
      } else {
        draft[el.name] = el.value;
      }
    }
    try {
      window.sessionStorage.setItem(key, JSON.stringify(draft));
    } catch {
      // Storage full or blocked: the form still works.
    }
  };

  let draft = null;
  try {
    draft = JSON.parse(window.sessionStorage.getItem(key) || "null");
  } catch {
    draft = null;
  }
  // "Cost added" is showing: the last cost reached the server, so its draft
  // is not needed. An error showing: the server sent back what was typed.
  if (document.querySelector(".govuk-notification-banner--success")) {
    window.sessionStorage.removeItem(key);
    draft = null;
  }
  const serverKept = form.querySelector(".govuk-error-message") !== null;
  // The fields that make a draft worth restoring (not just a default date).
  const needs = (form.dataset.draftNeeds || "amount miles description").split(" ");
  if (draft && !serverKept && needs.some((name) => draft[name])) {
    for (const el of fields()) {
      if (!(el.name in draft)) continue;
      if (el.type === "radio") el.checked = el.value === draft[el.name];
      else if (el.type === "checkbox") el.checked = Boolean(draft[el.name]);
      else el.value = draft[el.name];
    }
    const note = document.createElement("div");
    note.className = "govuk-inset-text";
    note.setAttribute("role", "status");
    note.textContent = form.dataset.restoredText || "";
    if (note.textContent) form.prepend(note);
  }
  form.addEventListener("input", save);
  form.addEventListener("change", save);
}

// The claim's check page after "Cost added": the draft of that cost is saved.
const cleared = document.querySelector("[data-draft-clear]");
if (cleared && document.querySelector(".govuk-notification-banner--success")) {
  window.sessionStorage.removeItem(`said-and-done:draft:${cleared.dataset.draftClear}`);
}

// The next step of a claim: its first step reached the server, so that
// step's draft (and its token) must not be restored for the next claim.
for (const el of document.querySelectorAll("[data-draft-forget]")) {
  window.sessionStorage.removeItem(`said-and-done:draft:${el.dataset.draftForget}`);
}
