// The send queue: every count and every item the rep saves on the surgery
// page goes here first, in IndexedDB, with its own token, and is sent from
// here in order. A tab closed, a phone asleep or no signal loses nothing;
// an entry is removed from the phone as soon as the server has it (it is
// what someone said, on a phone that may be shared).
//
// Each entry belongs to the person who saved it; only they send it.

const DB = "said-and-done";
const STORE = "outbox";

const open = () =>
  new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

const run = async (mode, work) => {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const result = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
};

export const available = () => typeof indexedDB !== "undefined";

export const newToken = () => {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
};

export const add = (entry) => run("readwrite", (store) => store.add(entry));

export const remove = (id) => run("readwrite", (store) => store.delete(id));

export const update = (entry) => run("readwrite", (store) => store.put(entry));

export const all = async (user) => {
  const entries = (await run("readonly", (store) => store.getAll())) || [];
  return entries.filter((e) => !user || e.user === user).sort((a, b) => a.id - b.id);
};

// Fields as a list of pairs: FormData itself cannot be stored.
export const fieldsOf = (form, extra = {}) => {
  const pairs = [];
  for (const [name, value] of new FormData(form).entries()) {
    if (name === "csrfmiddlewaretoken" || name in extra) continue;
    pairs.push([name, String(value)]);
  }
  for (const [name, value] of Object.entries(extra)) pairs.push([name, value]);
  return pairs;
};

// Django's CSRF cookie is HttpOnly, so the token comes from a page: this
// one, or (when it was drawn from the phone's copy and the token has
// changed since a new sign-in) a fresh copy of it fetched just before sending.
const pageToken = (doc) => doc.querySelector("input[name=csrfmiddlewaretoken]")?.value || "";

const freshToken = async () => {
  const response = await fetch(window.location.pathname, {
    credentials: "same-origin",
    redirect: "manual",
    cache: "no-store",
  });
  if (!response.ok) return "";
  const html = await response.text();
  return pageToken(new DOMParser().parseFromString(html, "text/html"));
};

const post = (entry, token) => {
  const body = new FormData();
  for (const [name, value] of entry.fields) body.append(name, value);
  body.append("csrfmiddlewaretoken", token);
  return fetch(entry.url, {
    method: "POST",
    body,
    credentials: "same-origin",
    redirect: "manual",
    headers: { Accept: "application/json", "X-CSRFToken": token },
  });
};

// Sends one entry. The answer is one of: "sent" (the server has it, or had
// it already), "refused" (the server will never take it as it is),
// "signed-out", or "later" (no signal, or the server did not answer).
export const send = async (entry) => {
  let response;
  try {
    response = await post(entry, pageToken(document));
    if (response.status === 403) {
      const token = await freshToken();
      if (!token) return { state: "signed-out" };
      response = await post(entry, token);
    }
  } catch {
    return { state: "later" };
  }
  if (response.type === "opaqueredirect") return { state: "signed-out" };
  let answer = {};
  try {
    answer = await response.json();
  } catch {
    return { state: response.status === 403 ? "signed-out" : "later" };
  }
  if (response.ok && answer.ok) return { state: "sent", answer };
  if (response.status === 400) return { state: "refused", answer };
  return { state: "later" };
};

// One sender at a time across all tabs, so nothing is sent twice at once.
export const exclusively = (work) =>
  navigator.locks ? navigator.locks.request("said-and-done-outbox", work) : work();
