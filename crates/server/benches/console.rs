//! Coordinator console benchmarks (not tests):
//! `RUKUN_BENCH_HOUSEHOLDS=50000 cargo bench -p rukun-server --bench console`
//! (also run by `scripts/bench`; `RUKUN_BENCH_HOUSEHOLDS=1000000` for the
//! province case, about 20 minutes to load).
//!
//! Loads N households (4 members each, unique NIKs but 0.5% surveyed twice,
//! 3% inaccurate and 1% missing GPS) through the store's real push path
//! (validation, merge, record index, flags) into a data directory kept
//! under `target/bench-console-N` for the next run, then starts the release
//! server binary on it and times requests over HTTP: the progress dashboard
//! and the review list with each filter (p50/p95 of 30), a record's detail,
//! and for up to 100,000 households the XLSX and CSV exports of the whole
//! city with the server's peak memory. Prints `BENCH` lines.
//!
//! N = 50,000 is Kota Mojokerto (18 kelurahan, 669 RT: ~75 households per
//! RT). Larger N adds synthetic kelurahan of 40 RT each to the same kota
//! so RTs keep ~50 households, as a province would (1,000,000: ~500
//! kelurahan).

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use support::Server;

use reqwest::Client;
use rukun_core::fixtures::household_answers;
use rukun_core::form::{row_path, Answers, GpsPoint, Value};
use rukun_core::review::{ReviewAction, ReviewRequest};
use rukun_core::sync::{Mutation, Op};
use rukun_core::{AreaSelection, Kecamatan, Kelurahan, RegionCode, RegionTree, Rw};
use rukun_server::store::Checked;

const BATCH: usize = 500;
const SAMPLES: usize = 30;
const WATES: &str = "35.76.02.1010";
const CITY_HOUSEHOLDS: usize = 50_000;

fn households() -> usize {
    std::env::var("RUKUN_BENCH_HOUSEHOLDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CITY_HOUSEHOLDS)
}

/// Mojokerto, plus synthetic kelurahan (10 RW × 4 RT) beyond the city size.
fn region_tree(n: usize) -> RegionTree {
    let mut tree = rukun_server::seed::mojokerto();
    let extra_rts = n.saturating_sub(CITY_HOUSEHOLDS) / 50;
    let extra_kelurahan = extra_rts.div_ceil(40);
    for k in 0..extra_kelurahan {
        let (kecamatan, number) = (4 + k / 50, 1001 + k % 50);
        if k % 50 == 0 {
            tree.kecamatan.push(Kecamatan {
                code: RegionCode::parse(&format!("35.76.{kecamatan:02}")).unwrap(),
                name: format!("Kecamatan Sintetis {kecamatan}"),
                kelurahan: Vec::new(),
            });
        }
        tree.kecamatan
            .last_mut()
            .unwrap()
            .kelurahan
            .push(Kelurahan {
                code: RegionCode::parse(&format!("35.76.{kecamatan:02}.{number}")).unwrap(),
                name: format!("Kelurahan Sintetis {k}"),
                rw: (1..=10)
                    .map(|rw| Rw {
                        number: rw,
                        rt: (1..=4).collect(),
                    })
                    .collect(),
            });
    }
    tree
}

fn all_areas(tree: &RegionTree) -> Vec<AreaSelection> {
    let mut out = Vec::new();
    for kecamatan in &tree.kecamatan {
        for kelurahan in &kecamatan.kelurahan {
            for rw in &kelurahan.rw {
                for &rt in &rw.rt {
                    out.push(AreaSelection {
                        kelurahan: kelurahan.code,
                        rw: rw.number,
                        rt,
                    });
                }
            }
        }
    }
    out
}

/// Household `i`: 4 members with NIKs unique in the whole run (birth date
/// and sex matching), except that every 200th household repeats the
/// previous one's head; a point near its RT's centre.
fn household(i: usize, area_index: usize) -> Answers {
    let mut answers = household_answers(i as u32, 4);
    for m in 0..4usize {
        let k = if i % 200 == 199 && m == 0 {
            (i - 1) * 4
        } else {
            i * 4 + m
        };
        let serial = k % 9999 + 1;
        let d = k / 9999;
        let (day, month, year) = (1 + d % 28, 1 + (d / 28) % 12, 1950 + (d / 336) % 45);
        let female = m % 2 == 1;
        let nik_day = if female { day + 40 } else { day };
        let row = format!("m{m}");
        let mut put = |field: &str, value: Value| {
            answers.insert(row_path("members", &row, field), value);
        };
        put(
            "nik",
            Value::Text(format!(
                "357602{nik_day:02}{month:02}{:02}{serial:04}",
                year % 100
            )),
        );
        put("sex", Value::Choice(if female { "2" } else { "1" }.into()));
        put(
            "birth_date",
            Value::Date(format!("{year}-{month:02}-{day:02}")),
        );
        if female {
            put("pregnant", Value::Bool(false));
        } else {
            answers.remove(&row_path("members", &row, "pregnant"));
        }
    }
    let centre_lat = -7.40 - (area_index % 100) as f64 * 0.002;
    let centre_lon = 112.40 + (area_index / 100 % 100) as f64 * 0.002;
    let jitter = (i % 17) as f64 * 0.00005;
    let gps = match i % 100 {
        0 => Value::Absent,
        1..=3 => Value::Gps(GpsPoint {
            lat: centre_lat + jitter,
            lon: centre_lon,
            accuracy: 80.0,
        }),
        _ => Value::Gps(GpsPoint {
            lat: centre_lat + jitter,
            lon: centre_lon - jitter,
            accuracy: 8.0,
        }),
    };
    answers.insert("gps".into(), gps);
    answers
}

async fn load(dir: &Path, n: usize) {
    let url = format!("sqlite://{}/rukun.db", dir.display());
    let store = rukun_server::store::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    let tree = region_tree(n);
    store.seed_regions_if_empty(&tree).await.unwrap();
    let areas = all_areas(&tree);
    let forms = rukun_core::forms::catalog();
    let validate = |form: &str, version: u32, answers: &Answers| {
        rukun_server::sync::check_answers(&forms, form, version, answers)
    };
    let started = Instant::now();
    let volunteers = 40;
    let mut seqs = vec![0u64; volunteers];
    for start in (0..n).step_by(BATCH) {
        // One batch = one volunteer's device syncing.
        let v = (start / BATCH) % volunteers;
        let batch: Vec<Checked> = (start..(start + BATCH).min(n))
            .map(|i| {
                let area_index = i % areas.len();
                seqs[v] += 1;
                Checked {
                    mutation: Mutation {
                        seq: seqs[v],
                        record_id: format!("h{i:07}"),
                        form_id: "household".into(),
                        form_version: 1,
                        area: areas[area_index].key(),
                        base_version: 0,
                        op: Op::Upsert,
                        changes: household(i, area_index)
                            .into_iter()
                            .map(|(k, v)| (k, Some(v)))
                            .collect(),
                    },
                    refused: None,
                }
            })
            .collect();
        let now = 1_764_300_000_000 + start as i64 * 1000;
        let response = rukun_server::records::push(
            &*store,
            &format!("device-{v:02}"),
            &format!("relawan-{v:02}"),
            batch,
            &validate,
            now,
        )
        .await
        .unwrap();
        for result in &response.results {
            assert!(
                matches!(result.outcome, rukun_core::sync::Outcome::Applied { .. }),
                "{:?}",
                result.outcome
            );
        }
        if (start / BATCH) % 200 == 0 {
            eprintln!(
                "loaded {start} of {n} in {:.0} s",
                started.elapsed().as_secs_f64()
            );
        }
    }
    let load_s = started.elapsed().as_secs_f64();
    // Every 100th household approved, every 300th returned.
    let started = Instant::now();
    for i in (0..n).step_by(100) {
        let (action, comment) = if i % 300 == 0 {
            (ReviewAction::Return, "Periksa lagi")
        } else {
            (ReviewAction::Approve, "")
        };
        let request = ReviewRequest {
            action,
            comment: comment.into(),
            field_comments: Default::default(),
        };
        rukun_server::records::review(
            &*store,
            &format!("h{i:07}"),
            &request,
            "koordinator",
            1_800_000_000_000,
        )
        .await
        .unwrap();
    }
    println!(
        "BENCH console_load households={n} load_seconds={load_s:.0} households_per_s={:.0} reviews={} review_seconds={:.1}",
        n as f64 / load_s,
        n.div_ceil(100),
        started.elapsed().as_secs_f64()
    );
    std::fs::write(dir.join("loaded"), n.to_string()).unwrap();
}

/// Times `SAMPLES` requests; (p50, p95) in ms and the last body.
async fn time_get(client: &Client, url: &str, token: &str) -> (f64, f64, Vec<u8>) {
    let mut times = Vec::new();
    let mut body = Vec::new();
    for _ in 0..SAMPLES {
        let started = Instant::now();
        let response = client.get(url).bearer_auth(token).send().await.unwrap();
        assert!(
            response.status().is_success(),
            "{url}: {}",
            response.status()
        );
        body = response.bytes().await.unwrap().to_vec();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    (times[SAMPLES / 2], times[SAMPLES * 95 / 100], body)
}

#[tokio::main]
async fn main() {
    let n = households();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-console-{n}"));
    let loaded = std::fs::read_to_string(dir.join("loaded")).ok() == Some(n.to_string());
    if !loaded {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        load(&dir, n).await;
    }
    let db_mib = std::fs::metadata(dir.join("rukun.db"))
        .map(|m| m.len())
        .unwrap_or(0) as f64
        / 1048576.0;
    let server = Server::start(&dir);
    let koordinator = server.login("koordinator").await;
    let admin = server.login("admin").await;
    let client = Client::new();
    let base = &server.base;
    println!("BENCH console_data households={n} database_mib={db_mib:.0}");

    let first_page: rukun_core::console::ListPage = serde_json::from_slice(
        &time_get(
            &client,
            &format!("{base}/api/review/records?limit=50"),
            &koordinator,
        )
        .await
        .2,
    )
    .unwrap();
    let deep = first_page.next.clone().unwrap_or_default();
    let detail_id = first_page.items[0].id.clone();
    let cases = [
        (
            "progress_wates",
            format!("/api/progress?kelurahan={WATES}"),
            &koordinator,
        ),
        (
            "list_wates_newest_50",
            "/api/review/records?limit=50".to_string(),
            &koordinator,
        ),
        (
            "list_wates_page_2",
            format!("/api/review/records?limit=50&after={deep}"),
            &koordinator,
        ),
        (
            "list_wates_rw_rt",
            "/api/review/records?rw=5&rt=2&limit=50".to_string(),
            &koordinator,
        ),
        (
            "list_wates_approved",
            "/api/review/records?state=approved&limit=50".to_string(),
            &koordinator,
        ),
        (
            "list_wates_flag_gps_inaccurate",
            "/api/review/records?flag=gps_inaccurate&limit=50".to_string(),
            &koordinator,
        ),
        (
            "list_wates_flag_nik_duplicate",
            "/api/review/records?flag=nik_duplicate&limit=50".to_string(),
            &koordinator,
        ),
        (
            "list_wates_volunteer",
            "/api/review/records?volunteer=relawan-07&limit=50".to_string(),
            &koordinator,
        ),
        (
            "list_wates_dates",
            "/api/review/records?from=2025-11-28&to=2026-12-31&limit=50".to_string(),
            &koordinator,
        ),
        (
            "list_city_newest_50",
            "/api/review/records?limit=50".to_string(),
            &admin,
        ),
        (
            "record_detail",
            format!("/api/review/records/{detail_id}"),
            &koordinator,
        ),
    ];
    for (name, path, token) in &cases {
        let (p50, p95, body) = time_get(&client, &format!("{base}{path}"), token).await;
        let items = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v["items"].as_array().map(|a| a.len()))
            .map_or(String::new(), |n| format!(" items={n}"));
        println!("BENCH console_{name} households={n} p50_ms={p50:.1} p95_ms={p95:.1}{items}");
    }

    if n <= 100_000 {
        for file in ["survey.xlsx", "households.csv"] {
            let before = server.memory_mib("VmRSS");
            let started = Instant::now();
            let response = client
                .get(format!("{base}/api/exports/{file}"))
                .bearer_auth(&admin)
                .timeout(Duration::from_secs(1800))
                .send()
                .await
                .unwrap();
            assert!(
                response.status().is_success(),
                "{file}: {}",
                response.status()
            );
            let size = response.bytes().await.unwrap().len() as f64 / 1048576.0;
            println!(
                "BENCH console_export_{file} households={n} seconds={:.1} size_mib={size:.1} rss_before_mib={before:.0} vm_hwm_mib={:.0}",
                started.elapsed().as_secs_f64(),
                server.memory_mib("VmHWM")
            );
        }
    }
}
