//! Data-quality flags and the facts a coordinator filters and counts by,
//! read off one record's answers and its validation issues. The server
//! adds the flags that need other records (the same NIK elsewhere in the
//! city, a point far from the rest of its RT) with [`far_from_rt`].

use serde::{Deserialize, Serialize};

use crate::form::{rows, Answers, GpsPoint, Issue, Problem, Severity, Value};
use crate::identity::Nik;

/// A point whose accuracy radius is wider than this is "inaccurate".
pub const INACCURATE_GPS_M: f64 = 50.0;
/// A point this far from the middle of its RT's points is "far".
pub const FAR_FROM_RT_M: f64 = 500.0;
/// An RT needs this many points before one can be called far from the rest.
pub const MIN_POINTS_FOR_FAR: usize = 3;

/// What may be wrong with a record, as coordinators filter by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// A NIK or No. KK that fails the hard checks.
    IdInvalid,
    /// A NIK whose sex or birth date differs from the answers, or a No. KK
    /// issued in the future.
    IdInconsistent,
    /// A NIK that is also in another household (anywhere in the city) or
    /// twice in this one.
    NikDuplicate,
    GpsMissing,
    GpsInaccurate,
    GpsFarFromRt,
    /// Visit result "Terisi tidak lengkap", or required answers missing.
    Incomplete,
    /// Arrived through a session an administrator or coordinator had
    /// already ended (or of a disabled account): the device's final push.
    SentAfterEnd,
}

impl Flag {
    pub const ALL: [Flag; 8] = [
        Flag::IdInvalid,
        Flag::IdInconsistent,
        Flag::NikDuplicate,
        Flag::GpsMissing,
        Flag::GpsInaccurate,
        Flag::GpsFarFromRt,
        Flag::Incomplete,
        Flag::SentAfterEnd,
    ];

    /// Its bit in a stored set of flags.
    pub fn bit(self) -> i64 {
        1 << (self as u32)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Flag::IdInvalid => "id_invalid",
            Flag::IdInconsistent => "id_inconsistent",
            Flag::NikDuplicate => "nik_duplicate",
            Flag::GpsMissing => "gps_missing",
            Flag::GpsInaccurate => "gps_inaccurate",
            Flag::GpsFarFromRt => "gps_far_from_rt",
            Flag::Incomplete => "incomplete",
            Flag::SentAfterEnd => "sent_after_end",
        }
    }

    pub fn parse(text: &str) -> Option<Flag> {
        Flag::ALL.into_iter().find(|f| f.as_str() == text)
    }

    /// The flags of a stored bit set.
    pub fn from_bits(bits: i64) -> Vec<Flag> {
        Flag::ALL
            .into_iter()
            .filter(|f| bits & f.bit() != 0)
            .collect()
    }

    pub fn label(self) -> crate::form::Text {
        let (id, en) = match self {
            Flag::IdInvalid => ("NIK/KK tidak valid", "Invalid NIK/KK"),
            Flag::IdInconsistent => ("NIK/KK tidak cocok", "NIK/KK inconsistent"),
            Flag::NikDuplicate => ("NIK ganda", "Duplicate NIK"),
            Flag::GpsMissing => ("Tanpa GPS", "No GPS"),
            Flag::GpsInaccurate => ("GPS kurang akurat", "Inaccurate GPS"),
            Flag::GpsFarFromRt => ("Jauh dari RT-nya", "Far from its RT"),
            Flag::Incomplete => ("Belum lengkap", "Incomplete"),
            Flag::SentAfterEnd => (
                "Dikirim setelah sesi diakhiri",
                "Sent after its session ended",
            ),
        };
        crate::form::Text::new(id, en)
    }
}

/// What the server indexes about one record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecordFacts {
    pub visit_result: Option<String>,
    pub category: Option<String>,
    pub condition: Option<String>,
    /// Head of family, else the address (households), for the
    /// coordinator's list.
    pub title: String,
    pub members: u32,
    /// Every well-formed NIK of the household's members.
    pub niks: Vec<String>,
    pub point: Option<GpsPoint>,
    /// The household's receipt code ([`crate::consent::RECEIPT`]).
    pub receipt: Option<String>,
    /// Answers a refusal must not keep (set by the server's check, which
    /// knows the form; see [`crate::consent::refused_paths`]).
    pub refused: Vec<String>,
    /// The flags that this record alone shows (see the module note).
    pub flags: Vec<Flag>,
}

impl RecordFacts {
    pub fn flag_bits(&self) -> i64 {
        self.flags.iter().fold(0, |bits, f| bits | f.bit())
    }
}

/// The facts of a record with the issues its validation found.
pub fn facts(answers: &Answers, issues: &[Issue]) -> RecordFacts {
    let choice = |path: &str| match answers.get(path) {
        Some(Value::Choice(code)) => Some(code.clone()),
        _ => None,
    };
    let point = match answers.get("gps") {
        Some(Value::Gps(p)) => Some(p.clone()),
        _ => None,
    };
    let niks: Vec<String> = rows(answers, "members")
        .iter()
        .filter_map(|row| match answers.get(&format!("members/{row}/nik")) {
            Some(Value::Text(text)) => Nik::parse(text).ok().map(|n| n.as_str().to_owned()),
            _ => None,
        })
        .collect();
    let visit_result = choice("visit_result");
    let mut flags = Vec::new();
    let mut flag = |f: Flag| {
        if !flags.contains(&f) {
            flags.push(f);
        }
    };
    for issue in issues {
        match issue.problem {
            Problem::Identity { .. } => flag(Flag::IdInvalid),
            Problem::NikSexDiffers | Problem::NikBirthDateDiffers | Problem::KkIssuedInFuture => {
                flag(Flag::IdInconsistent)
            }
            Problem::NikRepeatedInHousehold | Problem::NikInOtherHousehold => {
                flag(Flag::NikDuplicate)
            }
            Problem::NoGps => flag(Flag::GpsMissing),
            _ if issue.severity == Severity::Error => flag(Flag::Incomplete),
            _ => {}
        }
    }
    match &point {
        Some(p) if p.accuracy > INACCURATE_GPS_M => flag(Flag::GpsInaccurate),
        Some(_) => {}
        None if answers.contains_key("gps") || issues.iter().any(|i| i.path == "gps") => {
            flag(Flag::GpsMissing)
        }
        None => {}
    }
    if visit_result.as_deref() == Some("2") {
        flag(Flag::Incomplete);
    }
    flags.sort();
    RecordFacts {
        visit_result,
        category: choice("category"),
        condition: choice("condition"),
        receipt: crate::consent::receipt_of(answers).map(str::to_owned),
        refused: vec![],
        // The head of family, or the address when nobody was interviewed.
        title: ["head_name", "address"]
            .iter()
            .find_map(|path| match answers.get(*path) {
                Some(Value::Text(text)) if !text.trim().is_empty() => Some(text.clone()),
                _ => None,
            })
            .unwrap_or_default(),
        members: rows(answers, "members").len() as u32,
        niks,
        point,
        flags,
    }
}

/// The points (by their id) farther than [`FAR_FROM_RT_M`] from the middle
/// (the median latitude and longitude) of the RT's points.
pub fn far_from_rt(points: &[(String, f64, f64)]) -> Vec<&str> {
    if points.len() < MIN_POINTS_FOR_FAR {
        return Vec::new();
    }
    let median = |pick: fn(&(String, f64, f64)) -> f64| {
        let mut values: Vec<f64> = points.iter().map(pick).collect();
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let (lat, lon) = (median(|p| p.1), median(|p| p.2));
    points
        .iter()
        .filter(|(_, plat, plon)| metres_between(lat, lon, *plat, *plon) > FAR_FROM_RT_M)
        .map(|(id, _, _)| id.as_str())
        .collect()
}

/// Great-circle distance (haversine) in metres.
pub fn metres_between(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const EARTH_M: f64 = 6_371_000.0;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_M * a.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::{validate, Context};
    use crate::forms::catalog;

    fn facts_of(answers: &Answers) -> RecordFacts {
        let forms = catalog();
        let form = forms.latest("household").unwrap();
        let other = Default::default();
        let today = time::macros::date!(2026 - 11 - 28);
        let issues = validate(
            form,
            answers,
            &Context {
                today,
                other_niks: &other,
            },
        );
        facts(answers, &issues)
    }

    fn household() -> Answers {
        crate::fixtures::household_answers(1, 3)
    }

    #[test]
    fn a_clean_household_has_no_flags() {
        let facts = facts_of(&household());
        assert_eq!(facts.flags, vec![]);
        assert_eq!(facts.visit_result.as_deref(), Some("1"));
        assert!(facts.members >= 1);
        assert_eq!(facts.niks.len() as u32, facts.members);
        assert!(!facts.title.is_empty());
    }

    #[test]
    fn flags_come_from_the_answers() {
        let mut answers = household();
        let row = rows(&answers, "members")[0].clone();
        // Sex differs from the NIK's (day + 40 means a woman).
        let sex_path = format!("members/{row}/sex");
        let sex = match answers.get(&sex_path) {
            Some(Value::Choice(c)) if c == "1" => "2",
            _ => "1",
        };
        answers.insert(sex_path, Value::Choice(sex.into()));
        answers.insert(
            "gps".into(),
            Value::Gps(GpsPoint {
                lat: -7.47,
                lon: 112.43,
                accuracy: 120.0,
            }),
        );
        answers.insert("visit_result".into(), Value::Choice("2".into()));
        let facts = facts_of(&answers);
        assert_eq!(
            facts.flags,
            vec![Flag::IdInconsistent, Flag::GpsInaccurate, Flag::Incomplete]
        );

        let mut answers = household();
        answers.insert("gps".into(), Value::Absent);
        let row = rows(&answers, "members")[0].clone();
        answers.insert(
            format!("members/{row}/nik"),
            Value::Text("3576011302900000".into()),
        );
        let facts = facts_of(&answers);
        assert!(facts.flags.contains(&Flag::GpsMissing), "{:?}", facts.flags);
        assert!(facts.flags.contains(&Flag::IdInvalid), "{:?}", facts.flags);
    }

    #[test]
    fn bits_round_trip() {
        let flags = vec![Flag::NikDuplicate, Flag::GpsFarFromRt];
        let bits = flags.iter().fold(0, |b, f| b | f.bit());
        assert_eq!(Flag::from_bits(bits), flags);
        for flag in Flag::ALL {
            assert_eq!(Flag::parse(flag.as_str()), Some(flag));
        }
    }

    #[test]
    fn a_point_a_kilometre_away_is_far_from_its_rt() {
        let near = |id: &str, dlat: f64| (id.to_owned(), -7.4700 + dlat, 112.4300);
        let points = vec![
            near("a", 0.0),
            near("b", 0.0005),
            near("c", -0.0004),
            near("d", 0.0100), // ~1.1 km north
        ];
        assert_eq!(far_from_rt(&points), vec!["d"]);
        assert!(
            far_from_rt(&points[..2]).is_empty(),
            "two points prove nothing"
        );
        let d = metres_between(-7.47, 112.43, -7.46, 112.43);
        assert!((1100.0..1125.0).contains(&d), "{d}");
    }
}
