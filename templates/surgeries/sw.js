// The service worker for one organisation's surgery pages: it keeps the
// surgery page, the feedback form and the files they need, so a rep who
// opened them with signal can keep working with none. It never sends
// anything itself: the page's queue (static/js/queue.mjs) does that, so
// each count and item is sent once, in order, by code the rep can see.
const CACHE = "said-and-done-pages-__VERSION__";
const SCOPE = "{{ scope|escapejs }}";
const OFFLINE = "{{ offline_url|escapejs }}";
const ASSETS = [{% for a in assets %}"{{ a|escapejs }}",{% endfor %}];
// Pages kept for offline use: a surgery's page and the feedback form.
const KEPT = [/\/surgeries\/[A-Za-z0-9_-]+\/$/, /\/feedback\/new\/$/];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([OFFLINE, ...ASSETS]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith("said-and-done-pages-") && k !== CACHE)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

const pageKey = (url) => url.origin + url.pathname;

async function networkFirst(request, url) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // Only a real page for this address: never a sign-in page it redirected to.
    if (response.ok && !response.redirected) {
      await cache.put(pageKey(url), response.clone());
    }
    return response;
  } catch {
    return (await cache.match(pageKey(url))) || (await cache.match(OFFLINE)) || Response.error();
  }
}

async function offlineFallback(request) {
  try {
    return await fetch(request);
  } catch {
    const cache = await caches.open(CACHE);
    return (await cache.match(OFFLINE)) || Response.error();
  }
}

// Files: the kept copy at once, a fresh one fetched for next time.
async function staleWhileRevalidate(event, url) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(url.href);
  const fresh = fetch(event.request)
    .then((response) => {
      if (response.ok) cache.put(url.href, response.clone());
      return response;
    })
    .catch(() => kept || Response.error());
  if (kept) {
    event.waitUntil(fresh.catch(() => null));
    return kept;
  }
  return fresh;
}

// The first visit is not served through this worker, so the page asks it
// to keep a copy of itself.
self.addEventListener("message", (event) => {
  const { type, urls } = event.data || {};
  if (type !== "keep" || !Array.isArray(urls)) return;
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        urls
          .map((u) => new URL(u, self.location.origin))
          .filter((u) => u.origin === self.location.origin && u.pathname.startsWith(SCOPE))
          .map((u) =>
            fetch(u.href, { credentials: "same-origin" })
              .then((r) => (r.ok && !r.redirected ? cache.put(pageKey(u), r) : null))
              .catch(() => null),
          ),
      ),
    ),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(staleWhileRevalidate(event, url));
  } else if (request.mode === "navigate" && url.pathname.startsWith(SCOPE)) {
    if (KEPT.some((pattern) => pattern.test(url.pathname))) {
      event.respondWith(networkFirst(request, url));
    } else {
      event.respondWith(offlineFallback(request));
    }
  }
});
