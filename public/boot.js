// Starts the app. Trunk's own loader is an inline <script>, which the endpoint's
// Content-Security-Policy (no 'unsafe-inline') would block; Trunk.toml's pattern_script
// loads this file instead and hands it the build's hashed file names.
const { js, wasm } = document.querySelector('script[data-js]').dataset;
const { default: init } = await import(js);
await init({ module_or_path: wasm });
