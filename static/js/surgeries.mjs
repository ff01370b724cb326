// Keeps what a rep types in the feedback form, so a lost connection never
// loses it. Progressive enhancement: the form works without this file.
//
// The draft lives in sessionStorage (this tab only, gone when it closes:
// phones are often shared). It keeps the form's submission token while that
// token is unused, so a resend of words that never arrived is still one
// item. Once the server has the token (the page lists it, or the address
// carries ?saved=<token>) the draft is forgotten, never restored.

const form = document.querySelector("form[data-draft-key]");

if (form) {
  const key = `said-and-done:draft:${form.dataset.draftKey}`;
  const skip = new Set(["csrfmiddlewaretoken"]);

  const fields = () =>
    Array.from(form.elements).filter(
      (el) => el.name && !skip.has(el.name) && el.type !== "submit" && el.type !== "button",
    );

  const read = () => {
    try {
      return JSON.parse(window.sessionStorage.getItem(key) || "null");
    } catch {
      return null;
    }
  };

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

  const restore = (draft) => {
    for (const el of fields()) {
      if (!(el.name in draft)) continue;
      if (el.type === "radio") {
        el.checked = el.value === draft[el.name];
      } else if (el.type === "checkbox") {
        el.checked = Boolean(draft[el.name]);
      } else {
        el.value = draft[el.name];
      }
    }
    const note = document.createElement("div");
    note.className = "govuk-inset-text";
    note.setAttribute("role", "status");
    // The words come from the page, in the reader's language.
    note.textContent =
      form.dataset.draftKept || "We kept what you typed before. Check it, then save.";
    form.prepend(note);
  };

  // Tokens the server has saved already: the one in the address after a
  // save, and those of this rep's items listed on the page. A draft under
  // one of them was saved (perhaps its reply was lost): restoring it with
  // that token would make the next words look like a resend, so it goes.
  const saved = new Set(
    (form.dataset.savedTokens || "").split(" ").filter(Boolean),
  );
  const fromAddress = new URLSearchParams(window.location.search).get("saved");
  if (fromAddress) saved.add(fromAddress);
  let draft = read();
  if (draft && saved.has(draft.submission_token)) {
    window.sessionStorage.removeItem(key);
    draft = null;
  }
  // The server sent the form back with the rep's words in it: it wins.
  const serverKept = form.querySelector(".govuk-error-message") !== null;
  if (draft && !serverKept && (draft.said || draft.suggestion)) {
    restore(draft);
  }
  form.addEventListener("input", save);
  form.addEventListener("change", save);
}
