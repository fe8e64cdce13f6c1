//! Kemendagri region codes (`PP.KK.CC.DDDD`): parsed once, typed afterwards.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How deep in the government hierarchy a code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RegionLevel {
    Provinsi,
    /// A kota or kabupaten.
    Kota,
    Kecamatan,
    /// A kelurahan or desa.
    Kelurahan,
}

/// Why a text is not a Kemendagri region code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("a region code is written as PP, PP.KK, PP.KK.CC or PP.KK.CC.DDDD")]
    Shape,
    #[error("a region code holds digits only")]
    NotDigits,
    #[error("province part {0:02} is not in the range 11-99")]
    Provinsi(u8),
    #[error("kecamatan part 00 does not exist")]
    Kecamatan,
    #[error("a kelurahan part starts with 1 (kelurahan) or 2 (desa)")]
    Kelurahan,
}

/// A validated Kemendagri region code, down to kelurahan/desa level.
///
/// The parts are kept as numbers; [`fmt::Display`] gives the dotted form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RegionCode {
    parts: [u16; 4],
    level: RegionLevel,
}

impl RegionCode {
    /// Parses the dotted form, e.g. `35.76.02.1010`.
    pub fn parse(text: &str) -> Result<Self, CodeError> {
        let pieces: Vec<&str> = text.split('.').collect();
        const WIDTHS: [usize; 4] = [2, 2, 2, 4];
        if pieces.is_empty() || pieces.len() > 4 {
            return Err(CodeError::Shape);
        }
        let mut parts = [0u16; 4];
        for (i, piece) in pieces.iter().enumerate() {
            if piece.len() != WIDTHS[i] {
                return Err(CodeError::Shape);
            }
            if !piece.bytes().all(|b| b.is_ascii_digit()) {
                return Err(CodeError::NotDigits);
            }
            parts[i] = piece.parse().map_err(|_| CodeError::NotDigits)?;
        }
        let level = match pieces.len() {
            1 => RegionLevel::Provinsi,
            2 => RegionLevel::Kota,
            3 => RegionLevel::Kecamatan,
            _ => RegionLevel::Kelurahan,
        };
        if !(11..=99).contains(&parts[0]) {
            return Err(CodeError::Provinsi(parts[0] as u8));
        }
        if level >= RegionLevel::Kecamatan && parts[2] == 0 {
            return Err(CodeError::Kecamatan);
        }
        if level == RegionLevel::Kelurahan && !(1000..3000).contains(&parts[3]) {
            return Err(CodeError::Kelurahan);
        }
        Ok(Self { parts, level })
    }

    pub fn level(&self) -> RegionLevel {
        self.level
    }

    /// The code one level up (`35.76.02.1010` -> `35.76.02`), if any.
    pub fn parent(&self) -> Option<Self> {
        let level = match self.level {
            RegionLevel::Provinsi => return None,
            RegionLevel::Kota => RegionLevel::Provinsi,
            RegionLevel::Kecamatan => RegionLevel::Kota,
            RegionLevel::Kelurahan => RegionLevel::Kecamatan,
        };
        let mut parts = self.parts;
        parts[level as usize + 1] = 0;
        Some(Self { parts, level })
    }

    /// True when `self` is `other` or lies inside it.
    pub fn is_within(&self, other: &Self) -> bool {
        let mut here = Some(*self);
        while let Some(code) = here {
            if code == *other {
                return true;
            }
            here = code.parent();
        }
        false
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [p, k, c, d] = self.parts;
        match self.level {
            RegionLevel::Provinsi => write!(f, "{p:02}"),
            RegionLevel::Kota => write!(f, "{p:02}.{k:02}"),
            RegionLevel::Kecamatan => write!(f, "{p:02}.{k:02}.{c:02}"),
            RegionLevel::Kelurahan => write!(f, "{p:02}.{k:02}.{c:02}.{d:04}"),
        }
    }
}

impl std::str::FromStr for RegionCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for RegionCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RegionCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_level_and_prints_it_back() {
        for text in ["35", "35.76", "35.76.02", "35.76.02.1010", "35.15.01.2001"] {
            assert_eq!(RegionCode::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(
            RegionCode::parse("35.76.02.1010").unwrap().level(),
            RegionLevel::Kelurahan
        );
    }

    #[test]
    fn rejects_malformed_codes_with_the_reason() {
        assert_eq!(RegionCode::parse(""), Err(CodeError::Shape));
        assert_eq!(RegionCode::parse("35.76.2.1010"), Err(CodeError::Shape));
        assert_eq!(RegionCode::parse("35.76.02.1010.01"), Err(CodeError::Shape));
        assert_eq!(RegionCode::parse("35.7a.02"), Err(CodeError::NotDigits));
        assert_eq!(RegionCode::parse("+5.76"), Err(CodeError::NotDigits));
        assert_eq!(RegionCode::parse("05.76"), Err(CodeError::Provinsi(5)));
        assert_eq!(RegionCode::parse("35.76.00"), Err(CodeError::Kecamatan));
        assert_eq!(
            RegionCode::parse("35.76.02.3010"),
            Err(CodeError::Kelurahan)
        );
        assert_eq!(
            RegionCode::parse("35.76.02.0010"),
            Err(CodeError::Kelurahan)
        );
    }

    #[test]
    fn parents_and_containment() {
        let wates = RegionCode::parse("35.76.02.1010").unwrap();
        let magersari = RegionCode::parse("35.76.02").unwrap();
        let kota = RegionCode::parse("35.76").unwrap();
        let kranggan = RegionCode::parse("35.76.03").unwrap();
        assert_eq!(wates.parent(), Some(magersari));
        assert_eq!(magersari.parent(), Some(kota));
        assert_eq!(kota.parent().unwrap().to_string(), "35");
        assert!(wates.is_within(&kota));
        assert!(wates.is_within(&wates));
        assert!(!wates.is_within(&kranggan));
    }

    #[test]
    fn serde_uses_the_dotted_form_and_refuses_bad_codes() {
        let code: RegionCode = serde_json::from_str("\"35.76.03.1001\"").unwrap();
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"35.76.03.1001\"");
        assert!(serde_json::from_str::<RegionCode>("\"35.76.03.0001\"").is_err());
    }
}
