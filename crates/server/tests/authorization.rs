//! Who may do what, and where, over real HTTP: every route of the OpenAPI
//! description is a row of [`MATRIX`], every kind of actor a column, and
//! each cell the status the server must answer that actor. The table must
//! name exactly the described routes. No answer to an actor outside the
//! Wates household's area carries its personal data, and no signed-in
//! answer to a Kranggan account mentions Wates at all.

mod support;

use std::collections::BTreeSet;

use reqwest::{Client, StatusCode};
use rukun_core::fixtures::household_answers;
use rukun_core::form::{Answers, Value};
use rukun_core::kiosk::{KioskKey, KioskPayload, KioskPhoto};
use rukun_core::sync::{Outcome, PushRequest, PushResponse, PROTOCOL_VERSION};
use sha2::{Digest, Sha256};
use support::{household_upsert, login_token, push_mutations, submit_kiosk, TestServer};

const WATES: &str = "35.76.02.1010";
const WATES_RT1: &str = "35.76.02.1010/01/01";
/// The household's photo (JPEG magic first), stored before the first cell.
const PHOTO: &[u8] = b"\xff\xd8\xff\xe0 the front of the house";
/// The resident's contact on the kiosk report every reviewer reads.
const CONTACT: &str = "0812-3456-7890";

/// The columns of [`MATRIX`], in order.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Actor {
    /// No token at all.
    Nobody,
    /// `relawan`: volunteer of Wates RW 01, RT 01-03 (the household is in RT 01).
    Volunteer,
    /// `koordinator`: coordinator of Wates.
    Coordinator,
    /// Coordinator of Kranggan, another kelurahan.
    KrangganCoordinator,
    /// Volunteer of Kranggan RW 01 RT 01.
    KrangganVolunteer,
    /// `admin`: administrator of the whole city.
    Admin,
    /// `kiosk`: the kiosk account of Wates' office.
    Kiosk,
}

const ACTORS: [Actor; 7] = [
    Actor::Nobody,
    Actor::Volunteer,
    Actor::Coordinator,
    Actor::KrangganCoordinator,
    Actor::KrangganVolunteer,
    Actor::Admin,
    Actor::Kiosk,
];

impl Actor {
    /// Username and password, none for a request without a token.
    fn account(self) -> Option<(&'static str, &'static str)> {
        match self {
            Actor::Nobody => None,
            Actor::Volunteer => Some(("relawan", "rukun-demo")),
            Actor::Coordinator => Some(("koordinator", "rukun-demo")),
            Actor::KrangganCoordinator => Some(("koordinator-kranggan", "sandi-kranggan-1")),
            Actor::KrangganVolunteer => Some(("relawan-kranggan", "sandi-kranggan-1")),
            Actor::Admin => Some(("admin", "rukun-demo")),
            Actor::Kiosk => Some(("kiosk", "rukun-demo")),
        }
    }

    /// The name of the actor's own targets (`{actor}` in [`Call`]s).
    fn slug(self) -> &'static str {
        self.account().map_or("nobody", |(username, _)| username)
    }

    /// Whether the Wates household's data is none of its business.
    fn outsider(self) -> bool {
        matches!(
            self,
            Actor::Nobody | Actor::KrangganCoordinator | Actor::KrangganVolunteer | Actor::Kiosk
        )
    }

    fn of_kranggan(self) -> bool {
        matches!(self, Actor::KrangganCoordinator | Actor::KrangganVolunteer)
    }
}

/// What a cell sends, with the actor's token. In paths and bodies,
/// `{actor}` becomes the actor's own name, `{n}` its column (0-6),
/// `{photo}` the photo's SHA-256 and `{password}` the actor's password.
///
/// Writes an authorized actor may make go to the actor's own target, or
/// are writes whose repetition answers the same, so that no cell depends
/// on what an earlier one changed.
#[derive(Clone, Copy)]
enum Call {
    Get(&'static str),
    /// POST of a JSON body.
    Post(&'static str, &'static str),
    /// PUT of a JSON body.
    Put(&'static str, &'static str),
    /// PATCH of a JSON body.
    Patch(&'static str, &'static str),
    /// PUT of [`PHOTO`] as `image/jpeg`. It is already stored, so every
    /// allowed upload is a repeat and answers 200.
    PutPhoto(&'static str),
    /// `POST /api/sync/push` of a new household `push-{actor}` in Wates RT 01.
    Push,
    /// `POST /api/kiosk/submissions`: a report sealed to the server's key
    /// under the actor's own new receipt `NEW000000{n}`.
    Seal,
    /// `POST /api/auth/logout` with a second session of the actor's, opened
    /// for this cell, so the one the other cells use stays alive.
    Logout,
    /// `DELETE /api/sessions/{id}` of a session of [`TARGET_VOLUNTEER`]
    /// opened for this cell, so that every allowed end is the first.
    EndSession,
    /// `POST /api/auth/password` of a body whose `{password}` is the
    /// actor's; when it is accepted, the password is changed back at once
    /// (the session the other cells use is the one that changed it, and
    /// stays).
    ChangePassword(&'static str),
}

impl Call {
    fn method_and_path(self) -> (&'static str, &'static str) {
        match self {
            Call::Get(path) => ("GET", path),
            Call::Post(path, _) => ("POST", path),
            Call::Put(path, _) | Call::PutPhoto(path) => ("PUT", path),
            Call::Patch(path, _) => ("PATCH", path),
            Call::Push => ("POST", "/api/sync/push"),
            Call::Seal => ("POST", "/api/kiosk/submissions"),
            Call::Logout => ("POST", "/api/auth/logout"),
            Call::EndSession => ("DELETE", "/api/sessions/{id}"),
            Call::ChangePassword(_) => ("POST", "/api/auth/password"),
        }
    }
}

/// Not an HTTP status: 200 with the pushed mutation rejected. A push
/// answers per mutation (sync.md), so a write outside the account's area
/// is refused inside a 200, and never applied.
const REJECTED: u16 = 1;

// Bodies an authorized actor sends.
const LOGIN: &str = r#"{"username":"relawan","password":"rukun-demo"}"#;
const NEW_VOLUNTEER: &str = r#"{"username":"baru-{actor}","password":"sandi-baru-123","role":"volunteer","kelurahan":"35.76.02.1010","rts":[{"rw":1,"rt":1}]}"#;
const APPROVE: &str = r#"{"action":"approve"}"#;
const EDIT: &str = r#"{"version":1,"changes":{"address":{"text":"Jl. Empunala Gg. 9"}},"reason":"Dicek ulang di lapangan"}"#;
/// RT 01's demo target again: setting it twice answers the same.
const TARGET: &str = r#"{"area":"35.76.02.1010/01/01","households":40}"#;
const DECLINE: &str = r#"{"accept":false,"note":"Sudah diperbaiki kelurahan"}"#;
/// The RTs [`TARGET_VOLUNTEER`] already has: setting them again answers the same.
const SAME_RTS: &str = r#"{"rts":[{"rw":1,"rt":1}]}"#;
const NEW_PASSWORD: &str = r#"{"current":"{password}","new":"{password}-baru"}"#;
/// A new form of the actor's own, `form_{actor}` version 1: published
/// once by the one actor allowed to.
const NEW_FORM: &str = r#"{"id":"form_{actor}","version":1,"title":{"id":"Formulir uji","en":"Test form"},
  "sections":[{"id":"main","title":{"id":"Utama","en":"Main"},
    "fields":[{"id":"name","label":{"id":"Nama","en":"Name"},"kind":{"type":"text","max_len":100}}]}],
  "listing":{"title":["name"],"detail":[],"search":[]},"lists":[]}"#;

/// The next privacy notice, published once by the one actor allowed to.
const NEW_NOTICE: &str = r#"{"version":2,"text":{"id":"Pemberitahuan privasi versi dua untuk uji.","en":"Privacy notice version two, for the test."}}"#;
/// An access request for `h1`, by its receipt and its head's NIK.
const NEW_REQUEST: &str = r#"{"kind":"access","receipt":"H1REC-EPT00","nik":"{head_nik}"}"#;
/// Taking request 1 (the fixture's) again answers the same.
const TAKE: &str = r#"{"step":"take"}"#;
/// `h1`'s receipt code.
const H1_RECEIPT: &str = "H1RECEPT00";

/// A Wates volunteer created for the account cells to act on (changing
/// the demo volunteer's account would change what the other cells see).
const TARGET_VOLUNTEER: (&str, &str) = ("sasaran", "sandi-sasaran-1");

/// `(route as described, expected status per actor, request)`.
type Row = (&'static str, [u16; 7], Call);

use Call::{ChangePassword, EndSession, Get, Logout, Patch, Post, Push, Put, PutPhoto, Seal};

#[rustfmt::skip]
const MATRIX: [Row; 42] = [
    // Columns: no token, Wates volunteer (relawan), Wates coordinator,
    // Kranggan coordinator, Kranggan volunteer, administrator, kiosk.
    // route                                         none Wvol Wcoo Kcoo Kvol admn kios
    // Public: anyone, signed in or not.
    ("GET /api/health",                             [200, 200, 200, 200, 200, 200, 200], Get("/api/health")),
    ("GET /api/openapi.json",                       [200, 200, 200, 200, 200, 200, 200], Get("/api/openapi.json")),
    ("GET /api/regions",                            [200, 200, 200, 200, 200, 200, 200], Get("/api/regions")),
    ("POST /api/auth/login",                        [200, 200, 200, 200, 200, 200, 200], Post("/api/auth/login", LOGIN)),
    ("GET /api/kiosk/key",                          [200, 200, 200, 200, 200, 200, 200], Get("/api/kiosk/key")),
    ("GET /api/receipts/{code}",                    [200, 200, 200, 200, 200, 200, 200], Get("/api/receipts/7K3QX9M2PA")),
    ("GET /api/board",                              [200, 200, 200, 200, 200, 200, 200], Get("/api/board?kelurahan=35.76.02.1010")),
    // One's own session: any account.
    ("GET /api/auth/me",                            [401, 200, 200, 200, 200, 200, 200], Get("/api/auth/me")),
    ("POST /api/auth/logout",                       [401, 204, 204, 204, 204, 204, 204], Logout),
    ("POST /api/auth/password",                     [401, 204, 204, 204, 204, 204, 204], ChangePassword(NEW_PASSWORD)),
    // Accounts: a coordinator lists its own kelurahan's and creates volunteers there only.
    ("GET /api/accounts",                           [401, 403, 200, 200, 403, 200, 403], Get("/api/accounts")),
    ("POST /api/accounts",                          [401, 403, 201, 403, 403, 201, 403], Post("/api/accounts", NEW_VOLUNTEER)),
    // A Wates volunteer's account and sessions: another kelurahan's are unknown (404).
    ("PATCH /api/accounts/{username}",              [401, 403, 200, 404, 403, 200, 403], Patch("/api/accounts/sasaran", SAME_RTS)),
    ("GET /api/accounts/{username}/sessions",       [401, 403, 200, 404, 403, 200, 403], Get("/api/accounts/sasaran/sessions")),
    ("DELETE /api/sessions/{id}",                   [401, 403, 204, 404, 403, 204, 403], EndSession),
    // Devices: a pull is narrowed to the account's area, a push outside it rejected.
    ("GET /api/sync/pull",                          [401, 200, 200, 200, 200, 200, 403], Get("/api/sync/pull?protocol=1&cursor=0")),
    ("POST /api/sync/push",                         [401, 200, 200, REJECTED, REJECTED, 200, 403], Push),
    // The household's photo: outside its area it answers as a missing photo.
    ("PUT /api/attachments/{sha256}",               [401, 200, 200, 403, 403, 200, 403], PutPhoto("/api/attachments/{photo}?record=h1")),
    ("GET /api/attachments/{sha256}",               [401, 200, 200, 404, 404, 200, 403], Get("/api/attachments/{photo}")),
    // The console: Wates' coordinator and administrators only; another
    // kelurahan's record answers its coordinator as a missing one (404).
    ("GET /api/review/records",                     [401, 403, 200, 403, 403, 200, 403], Get("/api/review/records?kelurahan=35.76.02.1010")),
    ("GET /api/review/records/{id}",                [401, 403, 200, 404, 403, 200, 403], Get("/api/review/records/h1")),
    ("GET /api/review/points",                      [401, 403, 200, 403, 403, 200, 403], Get("/api/review/points?kelurahan=35.76.02.1010")),
    // Each actor reviews, edits and decides its own record or submission: the
    // second approval or decision of one would be a 409, an edit at an old version too.
    ("POST /api/records/{id}/review",               [401, 403, 200, 404, 403, 200, 403], Post("/api/records/review-{actor}/review", APPROVE)),
    ("POST /api/records/{id}/edit",                 [401, 403, 200, 404, 403, 200, 403], Post("/api/records/edit-{actor}/edit", EDIT)),
    ("GET /api/progress",                           [401, 403, 200, 403, 403, 200, 403], Get("/api/progress?kelurahan=35.76.02.1010")),
    // The same target twice answers the same.
    ("PUT /api/targets",                            [401, 403, 200, 403, 403, 200, 403], Put("/api/targets", TARGET)),
    ("GET /api/exports/{file}",                     [401, 403, 200, 403, 403, 200, 403], Get("/api/exports/households.csv?kelurahan=35.76.02.1010&identities=full")),
    // The audit log: a coordinator reads its own kelurahan's (Kranggan's one sees no Wates).
    ("GET /api/audit",                              [401, 403, 200, 200, 403, 200, 403], Get("/api/audit")),
    // Forms: every account reads the published definitions (a kiosk offers
    // the newest categories; they hold no one's data); administrators publish.
    ("GET /api/forms",                              [401, 200, 200, 200, 200, 200, 200], Get("/api/forms")),
    ("GET /api/forms/{id}/versions/{n}",            [401, 200, 200, 200, 200, 200, 200], Get("/api/forms/household/versions/1")),
    ("POST /api/forms/{id}/versions",               [401, 403, 403, 403, 403, 201, 403], Post("/api/forms/form_{actor}/versions", NEW_FORM)),
    // Kiosk submissions: only a kiosk account sends them (an administrator
    // has no kiosk of its own); Wates' coordinator and administrators read
    // and decide them.
    ("POST /api/kiosk/submissions",                 [401, 403, 403, 403, 403, 403, 201], Seal),
    ("GET /api/review/kiosk",                       [401, 403, 200, 403, 403, 200, 403], Get("/api/review/kiosk?kelurahan=35.76.02.1010")),
    ("GET /api/review/kiosk/{receipt}",             [401, 403, 200, 403, 403, 200, 403], Get("/api/review/kiosk/7K3QX9M2PA")),
    ("GET /api/review/kiosk/{receipt}/photo",       [401, 403, 200, 403, 403, 200, 403], Get("/api/review/kiosk/7K3QX9M2PA/photo")),
    ("POST /api/review/kiosk/{receipt}/decision",   [401, 403, 200, 403, 403, 200, 403], Post("/api/review/kiosk/DEC000000{n}/decision", DECLINE)),
    // Residents' rights: every account reads the privacy notice (phones
    // show it before the consent question); administrators publish it.
    // Coordinators (their kelurahan's households) and administrators
    // record and handle data requests; Kranggan's coordinator finds no
    // Wates household (404) and sees only Kranggan's requests.
    ("GET /api/notices",                            [401, 200, 200, 200, 200, 200, 200], Get("/api/notices")),
    ("POST /api/notices",                           [401, 403, 403, 403, 403, 201, 403], Post("/api/notices", NEW_NOTICE)),
    ("POST /api/requests",                          [401, 403, 201, 404, 403, 201, 403], Post("/api/requests", NEW_REQUEST)),
    ("GET /api/requests",                           [401, 403, 200, 200, 403, 200, 403], Get("/api/requests")),
    ("GET /api/requests/{id}",                      [401, 403, 200, 404, 403, 200, 403], Get("/api/requests/1")),
    ("POST /api/requests/{id}/action",              [401, 403, 200, 404, 403, 200, 403], Post("/api/requests/1/action", TAKE)),
];

#[tokio::test]
async fn every_route_admits_each_role_only_within_its_area() {
    let server = TestServer::start().await;
    let admin = login_token(&server, "admin", "rukun-demo").await;
    support::kranggan_coordinator(&server, &admin).await;
    support::kranggan_volunteer(&server, &admin).await;
    let mut tokens = Vec::new();
    for actor in ACTORS {
        tokens.push(match actor.account() {
            Some((username, password)) => Some(login_token(&server, username, password).await),
            None => None,
        });
    }
    let fixture = Fixture::set_up(&server, &tokens).await;
    assert_rows_are_the_described_routes(&server).await;

    let mut wrong = Vec::new();
    for (route, want, call) in MATRIX {
        // A route anyone may call, and whose answer may then name Wates.
        let public = (200..300).contains(&want[0]);
        for (column, actor) in ACTORS.into_iter().enumerate() {
            let (got, body) = send(&server, &fixture, actor, tokens[column].as_deref(), call).await;
            let cell = format!("{route} as {actor:?}");
            if got != want[column] {
                wrong.push(format!(
                    "{cell}: want {}, got {}: {}",
                    label(want[column]),
                    label(got),
                    body.chars().take(200).collect::<String>()
                ));
            }
            let leaked: Vec<_> = fixture
                .secrets
                .iter()
                .filter(|secret| body.contains(secret.as_str()))
                .collect();
            if actor.outsider() && !leaked.is_empty() {
                wrong.push(format!("{cell}: the answer carries {leaked:?}"));
            }
            if actor.of_kranggan() && !public && (200..300).contains(&got) && body.contains(WATES) {
                wrong.push(format!("{cell}: the answer names Wates: {body:.300}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cells wrong:\n{}",
        wrong.len(),
        MATRIX.len() * ACTORS.len(),
        wrong.join("\n")
    );
}

/// What the cells act on, set up by the Wates volunteer and the kiosk.
struct Fixture {
    photo_hash: String,
    key: KioskKey,
    /// The household data no outsider may read in any answer.
    secrets: Vec<String>,
    /// The NIK of `h1`'s head of family.
    head_nik: String,
}

impl Fixture {
    async fn set_up(server: &TestServer, tokens: &[Option<String>]) -> Self {
        let token = |actor: Actor| {
            let column = ACTORS.iter().position(|a| *a == actor).unwrap();
            tokens[column].as_deref().unwrap()
        };
        // Households in Wates RT 01: `h1` (read, and the photo's), and one
        // per actor to review and one to edit, so that each allowed review
        // or edit is the first on its record.
        let mut h1 = household_answers(901, 2);
        h1.insert(
            rukun_core::consent::RECEIPT.into(),
            Value::Text(H1_RECEIPT.into()),
        );
        let head_nik = text(&h1, "members/m0/nik");
        let mut households = vec![("h1".to_owned(), h1)];
        for (column, actor) in ACTORS.into_iter().enumerate() {
            let n = column as u32;
            households.push((
                format!("review-{}", actor.slug()),
                household_answers(910 + n, 2),
            ));
            households.push((
                format!("edit-{}", actor.slug()),
                household_answers(920 + n, 2),
            ));
        }
        let mut secrets = vec![CONTACT.to_owned()];
        for (_, answers) in &households {
            for path in ["head_name", "no_kk", "members/m0/nik", "members/m1/nik"] {
                secrets.push(text(answers, path));
            }
            secrets.push(text(answers, "members/m1/name"));
        }
        let mutations = households
            .into_iter()
            .enumerate()
            .map(|(i, (id, answers))| household_upsert(i as u64 + 1, &id, WATES_RT1, 0, answers))
            .collect();
        let relawan = token(Actor::Volunteer);
        let outcomes = push_mutations(server, relawan, "phone-relawan", mutations).await;
        assert!(
            outcomes
                .iter()
                .all(|o| matches!(o, Outcome::Applied { version: 1 })),
            "{outcomes:?}"
        );

        let photo_hash: String = Sha256::digest(PHOTO)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let stored = Client::new()
            .put(server.url(&format!("/api/attachments/{photo_hash}?record=h1")))
            .bearer_auth(relawan)
            .header("content-type", "image/jpeg")
            .body(PHOTO)
            .send()
            .await
            .unwrap();
        assert_eq!(stored.status(), StatusCode::CREATED);

        // The report every reviewer reads (with its photo), and one per
        // actor to decide on, so that each allowed decision is the first.
        let kiosk = token(Actor::Kiosk);
        let photo = KioskPhoto {
            content_type: "image/jpeg".into(),
            data: base64(b"\xff\xd8\xff\xe0 a flooded lane"),
        };
        submit_kiosk(server, kiosk, "7K3QX9M2PA", &report(Some(photo))).await;
        for column in 0..ACTORS.len() {
            submit_kiosk(server, kiosk, &format!("DEC000000{column}"), &report(None)).await;
        }
        // The account the account cells act on, with a live session.
        let (username, password) = TARGET_VOLUNTEER;
        let account = serde_json::json!({ "username": username, "password": password,
            "role": "volunteer", "kelurahan": WATES, "rts": [{ "rw": 1, "rt": 1 }] });
        support::create_account(server, token(Actor::Admin), account).await;

        // Request 1, which the request cells read and take.
        let request = Client::new()
            .post(server.url("/api/requests"))
            .bearer_auth(token(Actor::Coordinator))
            .json(&serde_json::json!({"kind": "access", "receipt": H1_RECEIPT, "nik": head_nik}))
            .send()
            .await
            .unwrap();
        assert_eq!(request.status(), StatusCode::CREATED);

        let key = reqwest::get(server.url("/api/kiosk/key"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        Self {
            photo_hash,
            key,
            secrets,
            head_nik,
        }
    }
}

/// Every described route has exactly one row, every row a described
/// route, and each row's request goes to its route.
async fn assert_rows_are_the_described_routes(server: &TestServer) {
    let doc: serde_json::Value = reqwest::get(server.url("/api/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let methods = ["get", "put", "post", "delete", "patch", "head", "options"];
    let mut described = BTreeSet::new();
    for (path, operations) in doc["paths"].as_object().unwrap() {
        for method in operations.as_object().unwrap().keys() {
            if methods.contains(&method.as_str()) {
                described.insert(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    let rows: BTreeSet<String> = MATRIX.iter().map(|row| row.0.to_owned()).collect();
    assert_eq!(rows.len(), MATRIX.len(), "a route has two rows");
    let missing: Vec<_> = described.difference(&rows).collect();
    let unknown: Vec<_> = rows.difference(&described).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "routes without a row: {missing:?}; rows of no described route: {unknown:?}"
    );
    for (route, _, call) in MATRIX {
        let (method, pattern) = route.split_once(' ').unwrap();
        let (call_method, path) = call.method_and_path();
        let path = path.split('?').next().unwrap();
        let fits = method == call_method
            && pattern.split('/').count() == path.split('/').count()
            && pattern
                .split('/')
                .zip(path.split('/'))
                .all(|(want, got)| want == got || want.starts_with('{'));
        assert!(fits, "the row of {route} calls {call_method} {path}");
    }
}

/// One cell's request: the status (or [`REJECTED`]) and the body.
async fn send(
    server: &TestServer,
    fixture: &Fixture,
    actor: Actor,
    token: Option<&str>,
    call: Call,
) -> (u16, String) {
    let column = ACTORS.iter().position(|a| *a == actor).unwrap();
    let password = actor.account().map_or("", |(_, password)| password);
    let fill = |text: &str| {
        text.replace("{actor}", actor.slug())
            .replace("{n}", &column.to_string())
            .replace("{photo}", &fixture.photo_hash)
            .replace("{password}", password)
            .replace("{head_nik}", &fixture.head_nik)
    };
    let (_, path) = call.method_and_path();
    let path = match call {
        Call::EndSession => {
            let (username, password) = TARGET_VOLUNTEER;
            let token = login_token(server, username, password).await;
            let id = current_session(server, username, &token).await;
            path.replace("{id}", &id.to_string())
        }
        _ => fill(path),
    };
    let url = server.url(&path);
    let client = Client::new();
    let json = |request: reqwest::RequestBuilder, body: &str| {
        request
            .header("content-type", "application/json")
            .body(fill(body))
    };
    let mut token = token.map(str::to_owned);
    let request = match call {
        Call::Get(_) => client.get(url),
        Call::Post(_, body) => json(client.post(url), body),
        Call::Put(_, body) => json(client.put(url), body),
        Call::Patch(_, body) => json(client.patch(url), body),
        Call::EndSession => client.delete(url),
        Call::ChangePassword(body) => json(client.post(url), body),
        Call::PutPhoto(_) => client
            .put(url)
            .header("content-type", "image/jpeg")
            .body(PHOTO),
        Call::Push => client.post(url).json(&PushRequest {
            protocol: PROTOCOL_VERSION,
            client_id: format!("phone-{}", actor.slug()),
            mutations: vec![household_upsert(
                1,
                &format!("push-{}", actor.slug()),
                WATES_RT1,
                0,
                household_answers(950 + column as u32, 2),
            )],
        }),
        Call::Seal => {
            let payload = serde_json::to_vec(&report(None)).unwrap();
            let receipt = format!("NEW000000{column}");
            let sealed = rukun_server::kiosk::seal(&fixture.key, &receipt, &payload);
            client.post(url).json(&sealed)
        }
        Call::Logout => {
            if let Some((username, password)) = actor.account() {
                token = Some(login_token(server, username, password).await);
            }
            client.post(url)
        }
    };
    let request = match &token {
        Some(token) => request.bearer_auth(token),
        None => request,
    };
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let body = response.text().await.unwrap();
    if let (Call::ChangePassword(_), 204, Some(token)) = (call, status, &token) {
        let back = client
            .post(server.url(path.as_str()))
            .bearer_auth(token)
            .json(&serde_json::json!({ "current": format!("{password}-baru"), "new": password }))
            .send()
            .await
            .unwrap();
        assert_eq!(
            back.status(),
            StatusCode::NO_CONTENT,
            "{actor:?} changing the password back"
        );
    }
    if matches!(call, Call::Push) && status == 200 {
        let pushed: PushResponse = serde_json::from_str(&body).unwrap();
        match &pushed.results[..] {
            [result] if matches!(result.outcome, Outcome::Applied { .. }) => {}
            [result] if matches!(result.outcome, Outcome::Rejected { .. }) => {
                return (REJECTED, body)
            }
            _ => panic!("one new record pushed as {actor:?}: {body}"),
        }
    }
    (status, body)
}

/// The id of `username`'s session `token`.
async fn current_session(server: &TestServer, username: &str, token: &str) -> i64 {
    let sessions: Vec<serde_json::Value> = Client::new()
        .get(server.url(&format!("/api/accounts/{username}/sessions")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let current = sessions.iter().find(|s| s["current"] == true).unwrap();
    current["id"].as_i64().unwrap()
}

fn label(status: u16) -> String {
    match status {
        REJECTED => "200 with the mutation rejected".into(),
        status => status.to_string(),
    }
}

/// A resident's report of a flood in Wates RT 01.
fn report(photo: Option<KioskPhoto>) -> KioskPayload {
    KioskPayload::Report {
        category: "8".into(),
        rw: 1,
        rt: 1,
        description: "Banjir setinggi lutut di Gang Melati".into(),
        contact: Some(CONTACT.into()),
        point: None,
        photo,
    }
}

fn text(answers: &Answers, path: &str) -> String {
    match &answers[path] {
        Value::Text(text) => text.clone(),
        other => panic!("{path}: {other:?}"),
    }
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
