//! The provider's secrets, generated in the parsing worker: `hmac_secret` from the
//! CSPRNG and the signing keys with the browser's WebCrypto (`generateKey`, then
//! `exportKey` as PKCS#8), off the page's thread. WebCrypto generates an RSA key in
//! native code, in tens of milliseconds for 2048 bits; RSA prime search compiled to
//! WebAssembly takes seconds.
//!
//! Only the browser has WebCrypto: natively, [`generate`] says so and the pure parts
//! ([`crate::provider_block`]) carry the tests.

use crate::provider_block::{HMAC_SECRET_LENGTH, KeyChoice, Provider};
use guide_secrets::{Charset, generate as random_text};

/// The provider block for `choice`: a new HMAC secret and new keys.
///
/// # Errors
/// The reason, in words, when the CSPRNG or WebCrypto refuses.
pub async fn generate(choice: KeyChoice) -> Result<String, String> {
    let hmac_secret =
        random_text(HMAC_SECRET_LENGTH, Charset::Alphanumeric).map_err(|e| e.to_string())?;
    let mut keys = Vec::new();
    for kind in choice.keys() {
        keys.push(browser::signing_key(kind).await?);
    }
    Ok(Provider { hmac_secret, keys }.block())
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
    use wasm_bindgen::{JsCast as _, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{CryptoKey, CryptoKeyPair, EcKeyGenParams, WorkerGlobalScope};

    use crate::provider_block::{KeyKind, SigningKey, key_id, pem};

    /// RSA's public exponent, 65537, big-endian, as WebCrypto takes it.
    const PUBLIC_EXPONENT: [u8; 3] = [1, 0, 1];

    /// One key pair of `kind`, its private key in PKCS#8 PEM.
    pub async fn signing_key(kind: KeyKind) -> Result<SigningKey, String> {
        let subtle = js_sys::global()
            .dyn_into::<WorkerGlobalScope>()
            .ok()
            .and_then(|scope| scope.crypto().ok())
            .map(|crypto| crypto.subtle())
            .ok_or("this browser gives the worker no WebCrypto")?;
        let usages = Array::of2(&"sign".into(), &"verify".into());
        let pair = subtle
            .generate_key_with_object(&algorithm(kind)?, true, &usages)
            .map_err(refused)?;
        // An asymmetric algorithm's `generateKey` resolves to a `CryptoKeyPair`
        // (WebCrypto, `generateKey`'s steps); a key missing from it would end in
        // `exportKey`'s refusal below, in words, not in a panic.
        let pair: CryptoKeyPair = JsFuture::from(pair)
            .await
            .map_err(refused)?
            .unchecked_into();
        let private = export(&subtle, "pkcs8", &pair.get_private_key()).await?;
        let public = export(&subtle, "spki", &pair.get_public_key()).await?;
        Ok(SigningKey {
            key_id: key_id(&public, kind.algorithm()),
            algorithm: kind.algorithm(),
            pem: pem("PRIVATE KEY", &private),
        })
    }

    /// `generateKey`'s parameters for `kind`: web-sys's typed dictionary for ECDSA. web-sys
    /// (0.3.107) has no `RsaHashedKeyGenParams`, so RSA's are an object with its four
    /// fields, named as WebCrypto's dictionary names them.
    fn algorithm(kind: KeyKind) -> Result<Object, String> {
        match kind {
            KeyKind::Rsa { bits } => {
                let algorithm = Object::new();
                let set = |key: &str, value: &JsValue| Reflect::set(&algorithm, &key.into(), value);
                set("name", &"RSASSA-PKCS1-v1_5".into())
                    .and_then(|_| set("modulusLength", &bits.into()))
                    .and_then(|_| {
                        set(
                            "publicExponent",
                            &Uint8Array::from(PUBLIC_EXPONENT.as_slice()).into(),
                        )
                    })
                    .and_then(|_| set("hash", &"SHA-256".into()))
                    .map_err(|_| "the key's parameters could not be written")?;
                Ok(algorithm)
            }
            KeyKind::EcP256 => Ok(EcKeyGenParams::new("ECDSA", "P-256").into()),
        }
    }

    async fn export(
        subtle: &web_sys::SubtleCrypto,
        format: &str,
        key: &CryptoKey,
    ) -> Result<Vec<u8>, String> {
        let exported = subtle.export_key(format, key).map_err(refused)?;
        let buffer = JsFuture::from(exported).await.map_err(refused)?;
        let buffer = buffer
            .dyn_into::<ArrayBuffer>()
            .map_err(|_| "WebCrypto exported no bytes")?;
        Ok(Uint8Array::new(&buffer).to_vec())
    }

    /// What WebCrypto said, in words; never the key (an error holds none).
    fn refused(error: JsValue) -> String {
        let said = Reflect::get(&error, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_default();
        format!("WebCrypto refused to make the key: {said}")
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod browser {
    use crate::provider_block::{KeyKind, SigningKey};

    /// Natively there is no WebCrypto.
    #[allow(clippy::unused_async)] // The same signature as the browser's.
    pub async fn signing_key(_kind: KeyKind) -> Result<SigningKey, String> {
        Err("keys are generated with the browser's WebCrypto".to_owned())
    }
}
