// Starts the app. An inline <script> would be blocked by the endpoint's
// Content-Security-Policy (no 'unsafe-inline'), so scripts/build-wasm.mjs adds this file to
// index.html with the build's hashed file names as data attributes.
const { js, wasm } = document.querySelector('script[data-js]').dataset;
const { default: init } = await import(js);
await init({ module_or_path: wasm });
