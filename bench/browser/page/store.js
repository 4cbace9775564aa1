// Loads the benchmark's wasm module and hands its functions to the Playwright scripts.
// A module script file, not an inline one: the endpoint's CSP allows scripts from 'self' only.
import init, * as bench from './pkg/lindungi_bench_store.js';

await init({ module_or_path: new URL('./pkg/lindungi_bench_store_bg.wasm', import.meta.url) });
window.bench = bench;
window.benchReady = true;
