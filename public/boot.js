// Starts the app. An inline <script> would be blocked by the endpoint's
// Content-Security-Policy (no 'unsafe-inline'), so scripts/build-wasm.mjs adds this file to
// index.html with the build's hashed file names as data attributes.

// Chromium may offer installing (`beforeinstallprompt`, once per visit) before the app's code
// has arrived, and an offer nobody listened to is lost for the visit: keep it for the app,
// which takes it when it starts (src/pwa/install.rs).
addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault();
  window.lindungiInstallOffer = event;
});

const { js, wasm } = document.querySelector('script[data-js]').dataset;
const { default: init } = await import(js);
await init({ module_or_path: wasm });
