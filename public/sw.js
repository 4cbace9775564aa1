// Lindungi's service worker: keeps the app shell on the phone so the app opens with no
// signal, and installs a new version beside the running one without taking over.
//
// VERSION and SHELL are stamped in by scripts/stamp-sw.mjs (a Trunk post_build hook).
// SHELL is index.html and every file it loads, by their hashed names; VERSION is a hash
// of those files' contents, so any change to the shell changes this file's bytes, and
// that byte change is what makes the browser install a new worker.
const VERSION = 'unstamped';
const SHELL = [];

const PREFIX = 'lindungi-shell-';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  // No skipWaiting() here: the new version waits until the user agrees to switch (the
  // page posts 'skip-waiting'), so a form being filled is never swapped underneath.
  // addAll is all or nothing: a half-downloaded version never becomes the shell, and
  // the old one keeps serving meanwhile.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
});

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
