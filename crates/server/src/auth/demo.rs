//! Demo mode: four accounts with one well-known password, for trying
//! Rukun out. Never for real data; the server says so loudly at start.

use rukun_core::account::{NewAccount, Role, RtRef};
use rukun_core::RegionCode;

use crate::error::AppError;
use crate::AppState;

pub const PASSWORD: &str = "rukun-demo";
const WATES: &str = "35.76.02.1010";

fn accounts() -> Vec<NewAccount> {
    let wates = || Some(RegionCode::parse(WATES).expect("a valid code"));
    let account = |username: &str, role, kelurahan, rts| NewAccount {
        username: username.into(),
        password: PASSWORD.into(),
        role,
        kelurahan,
        rts,
    };
    vec![
        account("admin", Role::Admin, None, vec![]),
        account("koordinator", Role::Coordinator, wates(), vec![]),
        account(
            "relawan",
            Role::Volunteer,
            wates(),
            (1..=3).map(|rt| RtRef { rw: 1, rt }).collect(),
        ),
        account("kiosk", Role::Kiosk, wates(), vec![]),
    ]
}

/// RW, RT and households to survey, seeded for the progress dashboard.
const DEMO_TARGETS: [(u16, u16, u32); 4] = [(1, 1, 40), (1, 2, 35), (1, 3, 45), (1, 4, 30)];

/// Creates the demo accounts that do not exist yet and warns.
pub async fn seed(state: &AppState) -> Result<(), AppError> {
    for account in accounts() {
        if state.store.login_of(&account.username).await?.is_none() {
            super::create_account(state, account, "demo").await?;
        }
    }
    // Demo targets for Wates (once: a coordinator's later changes stay).
    let wates = RegionCode::parse(WATES).map_err(|e| AppError::Internal(e.to_string()))?;
    if state
        .store
        .progress_counts(&wates)
        .await?
        .targets
        .is_empty()
    {
        for (rw, rt, households) in DEMO_TARGETS {
            let area = format!("{WATES}/{rw:02}/{rt:02}");
            state
                .store
                .set_target(&area, households, "demo", super::now_ms())
                .await?;
        }
    }
    let banner = "DEMO MODE: accounts admin, koordinator (Wates), relawan (Wates RW 01, RT 01-03) and kiosk (Wates) \
                  all have the password \"rukun-demo\". For demonstration only: never run demo mode with real data.";
    eprintln!(
        "\n{}\n!!! {banner} !!!\n{}\n",
        "!".repeat(72),
        "!".repeat(72)
    );
    tracing::warn!("{banner}");
    Ok(())
}
