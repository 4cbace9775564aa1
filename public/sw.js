// Lindungi's service worker: keeps the app shell on the phone so the app opens with no
// signal, and installs a new version beside the running one without taking over.
//
// VERSION and SHELL are stamped in by scripts/stamp-sw.mjs when the app is built. SHELL maps
// every file the app can load (index.html, the loader, the main JS and wasm, the CSS, and every
// lazily loaded chunk of WebAssembly) to the SHA-256 of its bytes; VERSION is a hash of that
// list, so any change to the app changes this file's bytes, and that byte change is what makes
// the browser install a new worker.
const VERSION = 'unstamped';
const SHELL = {};

const PREFIX = 'lindungi-shell-';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  // No skipWaiting() here: the new version waits until the user agrees to switch (the
  // page posts 'skip-waiting'), so a form being filled is never swapped underneath.
  event.waitUntil(precache());
});

// Fills this version's cache, downloading only the files whose bytes changed: a file whose
// bytes an older version already holds is copied from that version's cache. (A release that
// changes only the page, the CSS or public/ costs those files; one that changes Rust code changes
// most WebAssembly modules, since the linker lays the program out again: BENCHMARKS.md.) Every file downloaded is checked against
// its digest, so a file from another build (the endpoint already serving a newer release)
// never becomes part of this one. All or nothing: if any file cannot be had, the install fails
// and the old version keeps serving; what was cached so far is kept for the next attempt.
async function precache() {
  const cache = await caches.open(CACHE);
  const older = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
  await Promise.all(
    Object.entries(SHELL).map(async ([url, digest]) => {
      if (await cache.match(url)) return;
      const response = (await fromOlder(older, url, digest)) ?? (await download(url, digest));
      await cache.put(url, response);
    }),
  );
}

async function fromOlder(older, url, digest) {
  for (const name of older) {
    const response = await (await caches.open(name)).match(url);
    if (response && (await sha256(response.clone())) === digest) return response;
  }
  return undefined;
}

async function download(url, digest) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  if ((await sha256(response.clone())) !== digest) throw new Error(`${url} is not the file of version ${VERSION}`);
  return response;
}

async function sha256(response) {
  const bytes = await crypto.subtle.digest('SHA-256', await response.arrayBuffer());
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Not answered here, so the browser sends them as if there were no worker: writes,
  // other origins, and the whole API. An API answer from a cache could tell the app a
  // registration reached the city when it did not.
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  // Every screen of the app is the same index.html (the endpoint's SPA fallback does
  // the same online); a path with a file extension is a file, not a screen.
  const shellRequest = request.mode === 'navigate' && !/\.[^/]*$/.test(url.pathname) ? '/index.html' : request;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(shellRequest))
      .then((cached) => cached || fetch(request)),
  );
});
