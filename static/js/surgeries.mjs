// The surgery page, offline first. Progressive enhancement: every form on
// the page works without this file, through the server's own tokens.
//
// With it:
// - the service worker keeps this page, the feedback form and their files,
//   so the page opens with no signal once it was opened with signal;
// - every tap and every item goes into the send queue (queue.mjs) with a
//   token of its own, and is sent in order, once, when there is signal;
// - the page says plainly what is waiting;
// - what a rep types is kept as a draft in sessionStorage (this tab only,
//   gone when it closes: phones are often shared), and a draft whose token
//   the server has already (listed on the page, or ?saved=<token> in the
//   address) is forgotten, never restored with that token.
import { draftFor } from "./drafts.mjs";
import * as queue from "./queue.mjs";

const root = document.querySelector("[data-surgery-page]");
const form = document.querySelector("form[data-draft-key]");
const text = root ? root.dataset : {};
const say = (template, values = {}) =>
  (template || "").replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));

// ---------------------------------------------------------------- drafts

const draft = form ? draftFor(form) : null;
const fieldsOf = () => draft.fields();
const saveDraft = () => draft.save();
const forgetDraft = () => draft.forget();
const fill = (values) => draft.fill(values);

if (form) {
  const saved = new Set((form.dataset.savedTokens || "").split(" ").filter(Boolean));
  const fromAddress = new URLSearchParams(window.location.search).get("saved");
  if (fromAddress) saved.add(fromAddress);
  let kept = draft.read();
  if (kept && saved.has(kept.submission_token)) {
    forgetDraft();
    kept = null;
  }
  if (kept && !draft.serverKept() && (kept.said || kept.suggestion)) {
    fill(kept);
    // The words come from the page, in the reader's language.
    draft.note(form.dataset.draftKept || "We kept what you typed before. Check it, then save.");
  }
  draft.keepWhileTyping();
}

// ---------------------------------------------------------------- the queue

const user = text.user;
const surgery = text.surgery;
const status = document.getElementById("queue-status");
const countsKey = `said-and-done:counts:${surgery}`;
const OUTCOMES = ["approached", "engaged", "declined", "interested"];
let problem = "";
let lastSaid = "";

// The numbers the server last told us: the page's, unless a send since
// told us more (the page may be this phone's older copy).
const knownCounts = () => {
  const fromPage = Object.fromEntries(
    OUTCOMES.map((o) => [o, Number(document.getElementById(`count-${o}`)?.textContent || 0)]),
  );
  try {
    const stored = JSON.parse(window.localStorage.getItem(countsKey) || "null");
    if (stored && stored.page === JSON.stringify(fromPage)) return stored.counts;
  } catch {
    // Nothing stored: the page's numbers.
  }
  return fromPage;
};
let base = root ? knownCounts() : {};
const pageCounts = root
  ? JSON.stringify(
      Object.fromEntries(
        OUTCOMES.map((o) => [o, Number(document.getElementById(`count-${o}`)?.textContent || 0)]),
      ),
    )
  : "";

const remember = (counts) => {
  base = {
    approached: counts.approached,
    engaged: counts.engaged,
    declined: counts.declined,
    interested: counts.interested ?? 0,
  };
  try {
    window.localStorage.setItem(countsKey, JSON.stringify({ page: pageCounts, counts: base }));
  } catch {
    // Not kept: the page's numbers are shown next time.
  }
};

const outcomeOf = (entry) => entry.fields.find(([name]) => name === "outcome")?.[1];

const plural = (n, one, other) => (n === 1 ? say(one, { n }) : say(other, { n }));

const render = async () => {
  if (!status) return;
  const entries = await queue.all(user);
  const waiting = entries.filter((e) => !e.held);
  const items = waiting.filter((e) => e.kind === "item").length;
  const counts = waiting.filter((e) => e.kind === "count").length;
  // Each tap waiting shows in the numbers at once.
  const shown = { ...base };
  for (const entry of waiting) {
    if (entry.kind !== "count" || entry.surgery !== surgery) continue;
    shown.approached += 1;
    const outcome = outcomeOf(entry);
    if (outcome === "engaged" || outcome === "declined") shown[outcome] += 1;
    // Someone who wants to get involved talked, too.
    if (outcome === "interested") {
      shown.engaged += 1;
      shown.interested += 1;
    }
  }
  for (const o of OUTCOMES) {
    const cell = document.getElementById(`count-${o}`);
    if (cell) cell.textContent = String(shown[o]);
  }
  showWaitingTap(waiting.filter((e) => e.kind === "count" && e.surgery === surgery).slice(-1)[0]);
  status.replaceChildren();
  const lines = [];
  if (items || counts) {
    const parts = [];
    if (items) parts.push(plural(items, text.itemsOne, text.itemsOther));
    if (counts) parts.push(plural(counts, text.countsOne, text.countsOther));
    const what = parts.length === 2 ? say(text.and, { a: parts[0], b: parts[1] }) : parts[0];
    lines.push(say(items + counts === 1 ? text.waitingOne : text.waitingOther, { what }));
    if (problem === "signed-out") lines.push(text.signIn);
  } else if (lastSaid) {
    lines.push(lastSaid);
  }
  for (const line of lines) {
    const p = document.createElement("p");
    p.className = "govuk-body govuk-!-margin-bottom-1";
    p.textContent = line;
    status.append(p);
  }
  const held = entries.filter((e) => e.held);
  for (const entry of held) {
    const p = document.createElement("p");
    p.className = "govuk-body govuk-!-margin-bottom-1";
    p.textContent = `${text.held} ${(entry.errors || []).join(" ")}`;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "govuk-button govuk-button--secondary govuk-!-margin-bottom-1";
    button.textContent = text.putBack;
    button.addEventListener("click", () => putBack(entry));
    status.append(p, button);
  }
  status.hidden = status.childElementCount === 0;
};

// Words the server refused go back into the form, never away.
const putBack = async (entry) => {
  if (!form) return;
  const values = {};
  for (const [name, value] of entry.fields) {
    if (name !== "submission_token") values[name] = value;
  }
  fieldsOf()
    .filter((el) => el.type === "checkbox")
    .forEach((el) => {
      values[el.name] = entry.fields.some(([n, v]) => n === el.name && v === el.value);
    });
  fill(values);
  saveDraft();
  await queue.remove(entry.id);
  await render();
  form.scrollIntoView();
};

// "Undo" beside the numbers after a tap the server counted: a plain form,
// so taking a tap back is the same request with or without this file. The
// server names the tap (not "the last one"), so a tap that waited on the
// phone and arrives later is never the one taken back by mistake.
const tapDone = document.getElementById("tap-done");
let undoTimer = null;

const clearTapDone = () => {
  if (!tapDone) return;
  window.clearTimeout(undoTimer);
  tapDone.replaceChildren();
  tapDone.hidden = true;
  delete tapDone.dataset.waiting;
};

const undoButton = (label, hiddenText) => {
  const button = document.createElement("button");
  button.className = "govuk-button govuk-button--secondary govuk-!-margin-bottom-1";
  button.textContent = label;
  const hidden = document.createElement("span");
  hidden.className = "govuk-visually-hidden";
  hidden.textContent = ` ${hiddenText}`;
  button.append(hidden);
  return button;
};

// A tap still waiting on the phone (no signal) is taken back by never
// sending it: it leaves the queue, under the queue's lock so that it is
// not being sent at that moment. If it was sent meanwhile, the server's
// answer offers its own Undo.
const showWaitingTap = (entry) => {
  if (!tapDone) return;
  if (!entry) {
    if (tapDone.dataset.waiting) clearTapDone();
    return;
  }
  if (tapDone.dataset.waiting === String(entry.id)) return;
  clearTapDone();
  const who = say(tapDone.dataset[`who${outcomeOf(entry)}`] || "", {});
  const said = document.createElement("p");
  said.className = "govuk-body govuk-!-margin-bottom-2";
  said.textContent = say(tapDone.dataset.waitingTap, { who });
  const button = undoButton(tapDone.dataset.undo || "Undo", say(tapDone.dataset.undoHidden, { who }));
  button.type = "button";
  button.addEventListener("click", async () => {
    let removed = false;
    await queue.exclusively(async () => {
      if ((await queue.all(user)).some((e) => e.id === entry.id)) {
        await queue.remove(entry.id);
        removed = true;
      }
    });
    // Sent meanwhile: the server's answer has replaced this with its Undo.
    if (removed) clearTapDone();
    await render();
  });
  tapDone.append(said, button);
  tapDone.dataset.waiting = String(entry.id);
  tapDone.hidden = false;
};

const showTapDone = (answer) => {
  if (!tapDone) return false;
  clearTapDone();
  const said = document.createElement("p");
  said.className = "govuk-body govuk-!-margin-bottom-2";
  said.textContent = answer.message || "";
  tapDone.append(said);
  const offer = answer.undo;
  if (offer && offer.seconds > 0) {
    const undo = document.createElement("form");
    undo.method = "post";
    undo.action = offer.url;
    const csrf = document.createElement("input");
    csrf.type = "hidden";
    csrf.name = "csrfmiddlewaretoken";
    csrf.value = document.querySelector("input[name=csrfmiddlewaretoken]")?.value || "";
    const button = undoButton(offer.button, offer.hidden);
    button.type = "submit";
    undo.append(csrf, button);
    const hint = document.createElement("p");
    hint.className = "govuk-body-s govuk-!-margin-bottom-0";
    hint.textContent = offer.hint;
    tapDone.append(undo, hint);
    // The server refuses after the minute anyway; the button goes with it.
    undoTimer = window.setTimeout(() => {
      undo.remove();
      hint.remove();
    }, offer.seconds * 1000);
  }
  tapDone.hidden = false;
  return true;
};

const sent = (entry, answer) => {
  if (answer.counts) remember(answer.counts);
  lastSaid = answer.message || "";
  // A counted tap of this surgery is told beside the numbers, with Undo.
  if (entry.kind === "count" && entry.surgery === surgery && answer.undo && showTapDone(answer)) {
    lastSaid = "";
  }
  if (entry.kind === "item" && answer.created && entry.surgery === surgery) {
    const heading = document.getElementById("logged");
    if (heading) {
      heading.textContent = heading.textContent.replace(/\((\d+)\)/, (_, n) => `(${Number(n) + 1})`);
    }
    let list = document.querySelector(".app-feedback-list");
    const nothing = document.getElementById("nothing-logged");
    if (!list && nothing) {
      // The first item of the day takes the place of "Nothing logged yet."
      list = document.createElement("ul");
      list.className = "govuk-list app-feedback-list";
      nothing.replaceWith(list);
    }
    if (list) {
      const li = document.createElement("li");
      li.className = "app-feedback-list__item";
      const p = document.createElement("p");
      p.className = "govuk-body govuk-!-margin-bottom-1";
      p.textContent = `${answer.theme}: “${answer.said}”`;
      li.append(p);
      list.prepend(li);
    }
  }
};

// The form this entry came from, if it is free to take the words back.
const formFor = (entry) => {
  if (entry.kind === "item") {
    const said = form?.querySelector("[name=said]");
    return form && said && !said.value ? form : null;
  }
  return (
    Array.from(document.querySelectorAll('form[data-queue="count"]')).find(
      (f) => f.querySelector("[name=outcome]")?.value === outcomeOf(entry),
    ) || null
  );
};

// Sends the entry as an ordinary form, so that the server answers with its
// page: the error summary, the reasons beside the fields, every word kept.
const sendAsPage = (target, entry) => {
  const values = Object.fromEntries(entry.fields);
  for (const el of Array.from(target.elements)) {
    if (!el.name || el.name === "csrfmiddlewaretoken") continue;
    if (el.type === "radio") {
      el.checked = el.value === values[el.name];
    } else if (el.type === "checkbox") {
      el.checked = entry.fields.some(([n, v]) => n === el.name && v === el.value);
    } else if (el.name in values) {
      el.value = values[el.name];
    }
  }
  HTMLFormElement.prototype.submit.call(target);
};

let sending = false;
const flush = async () => {
  if (sending) return;
  sending = true;
  try {
    await queue.exclusively(async () => {
      for (;;) {
        const next = (await queue.all(user)).find((e) => !e.held);
        if (!next) {
          problem = "";
          return;
        }
        const result = await queue.send(next);
        if (result.state === "sent") {
          await queue.remove(next.id);
          sent(next, result.answer);
        } else if (result.state === "refused") {
          const target = next.surgery === surgery ? formFor(next) : null;
          if (target) {
            // The server's own page shows the reasons beside the words.
            await queue.remove(next.id);
            sendAsPage(target, next);
            return;
          }
          next.held = true;
          next.errors = result.answer.errors || [];
          await queue.update(next);
        } else {
          problem = result.state;
          return;
        }
        await render();
      }
    });
  } finally {
    sending = false;
    await render();
  }
};

const enqueue = async (target, kind) => {
  const extra = kind === "item" ? { submission_token: queue.newToken() } : { token: queue.newToken() };
  const url = new URL(target.action);
  url.search = "";
  url.hash = "";
  await queue.add({
    user,
    surgery,
    kind,
    url: url.pathname,
    fields: queue.fieldsOf(target, extra),
    queuedAt: Date.now(),
    signOutWarning: text.signOutWarning,
  });
  lastSaid = "";
  if (kind === "item") {
    forgetDraft();
    target.reset();
    target.querySelectorAll(".govuk-inset-text").forEach((n) => n.remove());
  } else {
    const reason = target.querySelector("[name=reason]");
    if (reason) reason.value = "";
    // A new tap: the offer to take back the one before goes.
    clearTapDone();
  }
  await render();
  flush();
};

if (root && user && queue.available()) {
  for (const target of document.querySelectorAll("form[data-queue]")) {
    target.addEventListener("submit", (event) => {
      event.preventDefault();
      enqueue(target, target.dataset.queue).catch(() => target.submit());
    });
  }
  // Correcting the numbers sets them outright: forget what we were told.
  document.querySelector("form[data-corrects-counts]")?.addEventListener("submit", () => {
    window.localStorage.removeItem(countsKey);
  });
  window.addEventListener("online", flush);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") flush();
  });
  // The online event is not always sent: try again now and then.
  window.setInterval(flush, 15000);
  render().then(flush);

  if ("serviceWorker" in navigator && text.sw) {
    const firstVisit = !navigator.serviceWorker.controller;
    navigator.serviceWorker
      .register(text.sw, { scope: text.scope })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        if (firstVisit) {
          registration.active?.postMessage({ type: "keep", urls: [window.location.pathname] });
        }
      })
      .catch(() => null);
  }
}
