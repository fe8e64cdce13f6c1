//! Session tokens: 32 random bytes, base64url; the database keeps only
//! their SHA-256.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Twelve characters that are easy to read aloud and type on a phone
/// (no 0/o, 1/l/i), in groups of four: about 59 bits.
pub fn one_time_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut out = String::with_capacity(14);
    for i in 0..12 {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        // 2^32 is not a multiple of 31; the bias is below 1 in 10^8.
        let pick = OsRng.next_u32() as usize % ALPHABET.len();
        out.push(ALPHABET[pick] as char);
    }
    out
}
