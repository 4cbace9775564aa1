//! All of the phone's cryptography: the browser's WebCrypto (`crypto.subtle`) through web-sys,
//! and the raw DEFLATE before it (`miniz_oxide` in the wasm for small values, the browser's
//! `CompressionStream` for large ones: [`compress`]). No crypto crate is compiled into the app:
//! it would grow the shell every officer downloads over one bar of signal, and WebCrypto's keys
//! can be made non-extractable, which no key held in wasm memory can.
//!
//! The formats are the city's contract too, and live in `domain::backup` (`docs/security.md`):
//!
//! - [`DataKey`]: the phone's AES-256-GCM key. [`DataKey::seal`] compresses a value with raw
//!   DEFLATE, then encrypts it under a fresh 96-bit nonce: a *box*, base64 of nonce ‖ ciphertext.
//! - [`DataKey::wrap_with_pin`] / [`DataKey::unwrap_with_pin`]: the data key as stored, wrapped
//!   under a key derived from the officer's PIN with PBKDF2-SHA-256 and a per-phone salt. A
//!   wrong PIN fails the AES-GCM tag: [`CryptoError::WrongKey`], never a wrong key.
//! - [`DataKey::wrap_for_city`] and [`seal_for_city`]: ECDH on P-256 with a fresh ephemeral key
//!   and the city's public key, HKDF-SHA-256 over the shared secret, AES-256-GCM.

use base64::{Engine, engine::general_purpose::STANDARD};
use domain::{
    backup::{
        CITY_WRAP_ALG, COMPRESSION, CityWrap, HKDF_INFO_DATA_KEY, HKDF_SALT, KEY_BYTES, NONCE_BYTES,
    },
    pin::Pin,
    wire::CityKey,
};
use js_sys::{Array, Object, Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue, prelude::wasm_bindgen};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

/// The additional data of the data key wrapped under the PIN: a wrapped key is refused anywhere
/// else a box is opened.
const PIN_WRAP_AAD: &[u8] = b"lindungi.pin-wrap.v1";

// `CompressionStream` and `DecompressionStream` are behind web-sys's unstable APIs; these two
// bindings are all the app needs of them.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = CompressionStream)]
    type Compressor;
    #[wasm_bindgen(constructor, js_class = "CompressionStream", catch)]
    fn new(format: &str) -> Result<Compressor, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &Compressor) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &Compressor) -> web_sys::WritableStream;

    #[wasm_bindgen(js_name = DecompressionStream)]
    type Decompressor;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> Result<Decompressor, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &Decompressor) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &Decompressor) -> web_sys::WritableStream;
}

/// Why a cryptographic step failed. Never holds a value or a key: only what went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CryptoError {
    /// The box or wrapped key does not open with this key: a wrong PIN, another phone's key, or
    /// a byte changed since it was sealed.
    WrongKey,
    /// Not base64, or too short to hold a nonce and a tag.
    NotABox,
    /// The city's key is not a P-256 point.
    BadCityKey,
    /// The browser refused (no WebCrypto outside a secure context, say): its error's name.
    Browser(String),
}

impl std::fmt::Display for CryptoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CryptoError::WrongKey => f.write_str("does not open with this key"),
            CryptoError::NotABox => f.write_str("not a sealed value"),
            CryptoError::BadCityKey => f.write_str("the city's key is not a P-256 public key"),
            CryptoError::Browser(name) => write!(f, "the browser refused: {name}"),
        }
    }
}

impl CryptoError {
    fn from_js(e: JsValue) -> Self {
        match e.dyn_ref::<web_sys::DomException>().map(|d| d.name()) {
            // What AES-GCM answers when the tag does not match.
            Some(name) if name == "OperationError" => CryptoError::WrongKey,
            Some(name) => CryptoError::Browser(name),
            None => CryptoError::Browser(
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.name()))
                    .unwrap_or_else(|| "unknown".into()),
            ),
        }
    }
}

type Outcome<T> = Result<T, CryptoError>;

fn subtle() -> Outcome<SubtleCrypto> {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.subtle())
        .ok_or_else(|| CryptoError::Browser("no WebCrypto".into()))
}

async fn wait(promise: Result<Promise, JsValue>) -> Outcome<JsValue> {
    JsFuture::from(promise.map_err(CryptoError::from_js)?)
        .await
        .map_err(CryptoError::from_js)
}

fn bytes_of(buffer: &JsValue) -> Vec<u8> {
    Uint8Array::new(buffer).to_vec()
}

fn usages(names: &[&str]) -> JsValue {
    names
        .iter()
        .map(|n| JsValue::from_str(n))
        .collect::<Array>()
        .into()
}

/// `n` bytes from the browser's cryptographic generator.
pub fn random_bytes(n: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; n];
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .expect("WebCrypto")
        .get_random_values_with_u8_array(&mut bytes)
        .expect("random bytes are always available");
    bytes
}

fn aes_gcm(nonce: &[u8], aad: &[u8]) -> Object {
    let params = web_sys::AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(nonce));
    params.set_additional_data_u8_array(&Uint8Array::from(aad));
    params.into()
}

/// Encrypts `plain` under `key` with a fresh nonce: nonce ‖ ciphertext, base64.
async fn encrypt(key: &CryptoKey, plain: &[u8], aad: &[u8]) -> Outcome<String> {
    let nonce = random_bytes(NONCE_BYTES);
    let sealed =
        wait(subtle()?.encrypt_with_object_and_u8_array(&aes_gcm(&nonce, aad), key, plain)).await?;
    Ok(join_box(&nonce, &bytes_of(&sealed)))
}

async fn decrypt(key: &CryptoKey, sealed: &str, aad: &[u8]) -> Outcome<Vec<u8>> {
    let (nonce, body) = split_box(sealed)?;
    let plain =
        wait(subtle()?.decrypt_with_object_and_u8_array(&aes_gcm(&nonce, aad), key, &body)).await?;
    Ok(bytes_of(&plain))
}

/// base64 of nonce ‖ ciphertext.
fn join_box(nonce: &[u8], body: &[u8]) -> String {
    let mut all = Vec::with_capacity(nonce.len() + body.len());
    all.extend_from_slice(nonce);
    all.extend_from_slice(body);
    STANDARD.encode(all)
}

/// The nonce and the ciphertext (with its 16-byte tag) of a box.
fn split_box(sealed: &str) -> Outcome<(Vec<u8>, Vec<u8>)> {
    const TAG_BYTES: usize = 16;
    let mut all = STANDARD.decode(sealed).map_err(|_| CryptoError::NotABox)?;
    if all.len() < NONCE_BYTES + TAG_BYTES {
        return Err(CryptoError::NotABox);
    }
    let body = all.split_off(NONCE_BYTES);
    Ok((all, body))
}

/// Runs `bytes` through a browser (de)compression stream.
async fn through(
    bytes: &[u8],
    readable: web_sys::ReadableStream,
    writable: web_sys::WritableStream,
) -> Outcome<Vec<u8>> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(CryptoError::from_js)?;
    let piped = blob
        .stream()
        .pipe_through(&web_sys::ReadableWritablePair::new(&readable, &writable));
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&piped))
        .map_err(CryptoError::from_js)?;
    let buffer = wait(response.array_buffer()).await?;
    Ok(bytes_of(&buffer))
}

/// SHA-256 of `bytes`.
pub async fn sha256(bytes: &[u8]) -> Outcome<Vec<u8>> {
    let digest = wait(subtle()?.digest_with_str_and_u8_array("SHA-256", bytes)).await?;
    Ok(bytes_of(&digest))
}

/// Values up to this size are (de)compressed in the wasm itself, at once: a registration, an
/// index page, the koperasi book. A browser stream per value costs far more than the DEFLATE of
/// a kilobyte (a stream, a blob, a response and their promises: most of the ~2 ms a seal took,
/// BENCHMARKS.md), and the sync seals each registration twice. Larger values (a worklist, a
/// backup body) go through the browser's streams, off the page's thread.
pub const IN_WASM_MAX_BYTES: usize = 64 * 1024;
/// DEFLATE level in the wasm: zlib's default, which `CompressionStream` uses too.
const DEFLATE_LEVEL: u8 = 6;
/// Largest value a box is decompressed to (the whole city's worklist is about 6 MB): anything
/// bigger was not sealed by this app.
const MAX_PLAIN_BYTES: usize = 64 * 1024 * 1024;

/// `bytes` compressed with raw DEFLATE ([`COMPRESSION`]): in the wasm up to
/// [`IN_WASM_MAX_BYTES`], else through the browser's `CompressionStream`. Either reads the
/// other's output: the format is the same.
pub async fn compress(bytes: &[u8]) -> Outcome<Vec<u8>> {
    if bytes.len() <= IN_WASM_MAX_BYTES {
        return Ok(miniz_oxide::deflate::compress_to_vec(bytes, DEFLATE_LEVEL));
    }
    compress_in_browser(bytes).await
}

/// `bytes` compressed by the browser's `CompressionStream`, whatever their size.
pub async fn compress_in_browser(bytes: &[u8]) -> Outcome<Vec<u8>> {
    let c = Compressor::new(COMPRESSION).map_err(CryptoError::from_js)?;
    through(bytes, c.readable(), c.writable()).await
}

/// `bytes` decompressed (in the wasm when they are small, see [`compress`]); a stream that is
/// not raw DEFLATE is refused.
pub async fn decompress(bytes: &[u8]) -> Outcome<Vec<u8>> {
    if bytes.len() <= IN_WASM_MAX_BYTES {
        return miniz_oxide::inflate::decompress_to_vec_with_limit(bytes, MAX_PLAIN_BYTES)
            .map_err(|_| CryptoError::NotABox);
    }
    decompress_in_browser(bytes).await
}

/// `bytes` decompressed by the browser's `DecompressionStream`, whatever their size.
pub async fn decompress_in_browser(bytes: &[u8]) -> Outcome<Vec<u8>> {
    let d = Decompressor::new(COMPRESSION).map_err(CryptoError::from_js)?;
    through(bytes, d.readable(), d.writable())
        .await
        // A box that opened but does not decompress was sealed by something else.
        .map_err(|_| CryptoError::NotABox)
}

/// How the key that wraps the data key is derived from the PIN (stored beside the wrapped key:
/// neither is secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PinDerivation {
    /// The per-phone random salt.
    pub salt: Vec<u8>,
    /// PBKDF2-SHA-256 iterations (`docs/security.md` says how many and why).
    pub iterations: u32,
}

async fn pin_key(pin: &Pin, derivation: &PinDerivation) -> Outcome<CryptoKey> {
    let subtle = subtle()?;
    let material = wait(subtle.import_key_with_str(
        "raw",
        &Uint8Array::from(pin.digits().as_bytes()).into(),
        "PBKDF2",
        false,
        &usages(&["deriveKey"]),
    ))
    .await?;
    let params = web_sys::Pbkdf2Params::new_with_str(
        "PBKDF2",
        "SHA-256",
        derivation.iterations,
        &Uint8Array::from(derivation.salt.as_slice()).into(),
    );
    let key = wait(subtle.derive_key_with_object_and_object(
        &params,
        &material.into(),
        &web_sys::AesDerivedKeyParams::new("AES-GCM", (KEY_BYTES * 8) as u32),
        false,
        &usages(&["wrapKey", "unwrapKey"]),
    ))
    .await?;
    Ok(key.into())
}

/// The key agreed with the city's key (or, on the city's side, an ephemeral one): HKDF-SHA-256
/// over the ECDH shared secret, with the fixed salt and the given info.
async fn agreed_key(private: &CryptoKey, public: &CryptoKey, info: &str) -> Outcome<CryptoKey> {
    let subtle = subtle()?;
    let ecdh = web_sys::EcdhKeyDeriveParams::new("ECDH", public);
    let secret = wait(subtle.derive_bits_with_object(&ecdh, private, 256)).await?;
    let ikm = wait(subtle.import_key_with_str(
        "raw",
        &Uint8Array::new(&secret).into(),
        "HKDF",
        false,
        &usages(&["deriveKey"]),
    ))
    .await?;
    let hkdf = web_sys::HkdfParams::new_with_str(
        "HKDF",
        "SHA-256",
        &Uint8Array::from(info.as_bytes()).into(),
        &Uint8Array::from(HKDF_SALT.as_bytes()).into(),
    );
    let key = wait(subtle.derive_key_with_object_and_object(
        &hkdf,
        &ikm.into(),
        &web_sys::AesDerivedKeyParams::new("AES-GCM", (KEY_BYTES * 8) as u32),
        false,
        &usages(&["encrypt", "decrypt", "wrapKey", "unwrapKey"]),
    ))
    .await?;
    Ok(key.into())
}

/// Imports a P-256 public key from its raw uncompressed base64 ([`CityKey::public_key`]).
pub async fn import_public(raw_base64: &str) -> Outcome<CryptoKey> {
    let raw = STANDARD
        .decode(raw_base64)
        .map_err(|_| CryptoError::BadCityKey)?;
    let params = web_sys::EcKeyImportParams::new("ECDH");
    params.set_named_curve("P-256");
    let key = wait(subtle()?.import_key_with_object(
        "raw",
        &Uint8Array::from(raw.as_slice()).into(),
        &params,
        true,
        &usages(&[]),
    ))
    .await
    .map_err(|_| CryptoError::BadCityKey)?;
    Ok(key.into())
}

/// A fresh ephemeral ECDH key pair: its private key and its public key as raw base64.
async fn ephemeral() -> Outcome<(CryptoKey, String)> {
    let subtle = subtle()?;
    let pair = wait(subtle.generate_key_with_object(
        &web_sys::EcKeyGenParams::new("ECDH", "P-256"),
        false,
        &usages(&["deriveBits"]),
    ))
    .await?;
    let pair: web_sys::CryptoKeyPair = pair.unchecked_into();
    let public = wait(subtle.export_key("raw", &pair.get_public_key())).await?;
    Ok((pair.get_private_key(), STANDARD.encode(bytes_of(&public))))
}

/// Encrypts `plain` (compressed first) under a key agreed with the city's key for `info`: the
/// ephemeral public key (raw base64) and the box. What the city's private key, and nothing
/// else, opens.
pub async fn seal_for_city(
    city: &CityKey,
    info: &str,
    plain: &[u8],
    aad: impl FnOnce(&str) -> Vec<u8>,
) -> Outcome<(String, String)> {
    let public = import_public(&city.public_key).await?;
    let (private, epk) = ephemeral().await?;
    let key = agreed_key(&private, &public, info).await?;
    let sealed = encrypt(&key, &compress(plain).await?, &aad(&epk)).await?;
    Ok((epk, sealed))
}

/// Opens a box made by [`seal_for_city`] or [`DataKey::wrap_for_city`] with the city's private
/// key. The city opens them with RustCrypto; the phone needs this only to test what it made.
pub async fn open_as_city(
    city_private: &CryptoKey,
    epk: &str,
    info: &str,
    sealed: &str,
    aad: &[u8],
) -> Outcome<Vec<u8>> {
    let ephemeral = import_public(epk).await?;
    let key = agreed_key(city_private, &ephemeral, info).await?;
    decrypt(&key, sealed, aad).await
}

/// The phone's data key: AES-256-GCM, held only in memory while the app is unlocked. The
/// browser may export it only wrapped (it is extractable for `wrapKey`, the one use of it).
#[derive(Clone, Debug)]
pub struct DataKey(CryptoKey);

impl DataKey {
    /// A new random data key (once per phone, at the first PIN).
    pub async fn generate() -> Outcome<Self> {
        let key = wait(subtle()?.generate_key_with_object(
            &web_sys::AesKeyGenParams::new("AES-GCM", (KEY_BYTES * 8) as u16),
            true,
            &usages(&["encrypt", "decrypt"]),
        ))
        .await?;
        Ok(DataKey(key.into()))
    }

    /// A box of `plain`: compressed, then encrypted with `aad` as additional data.
    pub async fn seal(&self, plain: &[u8], aad: &[u8]) -> Outcome<String> {
        encrypt(&self.0, &compress(plain).await?, aad).await
    }

    /// What a box made by [`DataKey::seal`] with the same `aad` holds.
    pub async fn open(&self, sealed: &str, aad: &[u8]) -> Outcome<Vec<u8>> {
        decompress(&decrypt(&self.0, sealed, aad).await?).await
    }

    /// The data key wrapped under a key derived from `pin`: nonce ‖ wrapped key, base64.
    pub async fn wrap_with_pin(&self, pin: &Pin, derivation: &PinDerivation) -> Outcome<String> {
        let wrapping = pin_key(pin, derivation).await?;
        let nonce = random_bytes(NONCE_BYTES);
        let wrapped = wait(subtle()?.wrap_key_with_object(
            "raw",
            &self.0,
            &wrapping,
            &aes_gcm(&nonce, PIN_WRAP_AAD),
        ))
        .await?;
        Ok(join_box(&nonce, &bytes_of(&wrapped)))
    }

    /// The data key from what [`DataKey::wrap_with_pin`] stored: [`CryptoError::WrongKey`] for
    /// a wrong PIN.
    pub async fn unwrap_with_pin(
        wrapped: &str,
        pin: &Pin,
        derivation: &PinDerivation,
    ) -> Outcome<Self> {
        let wrapping = pin_key(pin, derivation).await?;
        let (nonce, body) = split_box(wrapped)?;
        let key = wait(subtle()?.unwrap_key_with_u8_array_and_object_and_object(
            "raw",
            &body,
            &wrapping,
            &aes_gcm(&nonce, PIN_WRAP_AAD),
            &web_sys::AesKeyGenParams::new("AES-GCM", (KEY_BYTES * 8) as u16),
            true,
            &usages(&["encrypt", "decrypt"]),
        ))
        .await?;
        Ok(DataKey(key.into()))
    }

    /// The data key wrapped for the city ([`CITY_WRAP_ALG`]).
    pub async fn wrap_for_city(&self, city: &CityKey) -> Outcome<CityWrap> {
        let public = import_public(&city.public_key).await?;
        let (private, epk) = ephemeral().await?;
        let key = agreed_key(&private, &public, HKDF_INFO_DATA_KEY).await?;
        let mut wrap = CityWrap {
            alg: CITY_WRAP_ALG.into(),
            key_id: city.key_id.clone(),
            epk,
            sealed: String::new(),
        };
        let nonce = random_bytes(NONCE_BYTES);
        let wrapped = wait(subtle()?.wrap_key_with_object(
            "raw",
            &self.0,
            &key,
            &aes_gcm(&nonce, &wrap.aad()),
        ))
        .await?;
        wrap.sealed = join_box(&nonce, &bytes_of(&wrapped));
        Ok(wrap)
    }
}
