// Drafts of what a person types, kept so a lost connection or a reload never
// loses it: one module for the surgery pages and the expenses claim.
// Progressive enhancement: every form works without it.
//
// A draft lives in sessionStorage (this tab only, gone when it closes: phones
// are often shared), under the form's data-draft-key. It keeps the form's
// hidden submission token too, so a restored draft that did reach the server
// once is not saved twice. Files cannot be kept: a photo is chosen again.

const PREFIX = "said-and-done:draft:";

export const forgetDraft = (name) => {
  try {
    window.sessionStorage.removeItem(PREFIX + name);
  } catch {
    // Storage blocked: nothing was kept.
  }
};

export const draftFor = (form) => {
  const key = PREFIX + form.dataset.draftKey;
  const fields = () =>
    Array.from(form.elements).filter(
      (el) =>
        el.name &&
        el.name !== "csrfmiddlewaretoken" &&
        !["submit", "button", "file"].includes(el.type),
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

  const fill = (values) => {
    for (const el of fields()) {
      if (!(el.name in values)) continue;
      if (el.type === "radio") {
        el.checked = el.value === values[el.name];
      } else if (el.type === "checkbox") {
        el.checked = values[el.name] === true || values[el.name] === el.value;
      } else {
        el.value = values[el.name];
      }
    }
  };

  // A short note at the top of the form, read out by screen readers.
  const note = (message, className = "govuk-inset-text") => {
    const box = document.createElement("div");
    box.className = className;
    box.setAttribute("role", "status");
    box.textContent = message;
    form.prepend(box);
    return box;
  };

  return {
    fields,
    read,
    save,
    fill,
    note,
    forget: () => forgetDraft(form.dataset.draftKey),
    // The server sent the form back with an error and what was typed: it wins.
    serverKept: () => form.querySelector(".govuk-error-message") !== null,
    keepWhileTyping: () => {
      form.addEventListener("input", save);
      form.addEventListener("change", save);
    },
  };
};
