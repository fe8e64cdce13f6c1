//! What the signed-in account may do to one listed account: the server's
//! rule (api/accounts.rs `manageable`), mirrored so the screen offers only
//! what will be accepted. The server still decides.

use rukun_core::account::{Account, AccountInfo, Role};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Powers {
    /// Nonaktifkan / Aktifkan.
    pub toggle: bool,
    /// Atur ulang kata sandi.
    pub reset: bool,
    /// Ubah RT (volunteers only).
    pub rts: bool,
    /// See and end its sessions.
    pub sessions: bool,
}

impl Powers {
    pub fn of(actor: &Account, target: &AccountInfo) -> Self {
        let target = &target.account;
        let itself = actor.username == target.username;
        let manages = match actor.role {
            Role::Admin => true,
            Role::Coordinator => {
                target.kelurahan == actor.kelurahan
                    && matches!(target.role, Role::Volunteer | Role::Kiosk)
            }
            Role::Volunteer | Role::Kiosk => false,
        };
        Powers {
            // One's own account: "Ganti kata sandi", and it cannot be disabled.
            toggle: manages && !itself,
            reset: manages && !itself,
            rts: manages && target.role == Role::Volunteer,
            sessions: manages || itself,
        }
    }

    pub fn any(self) -> bool {
        self.toggle || self.reset || self.rts || self.sessions
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rukun_core::RegionCode;

    fn account(username: &str, role: Role, kelurahan: Option<&str>) -> AccountInfo {
        AccountInfo {
            account: Account {
                username: username.into(),
                role,
                kelurahan: kelurahan.map(|k| RegionCode::parse(k).unwrap()),
                rts: vec![],
            },
            active: true,
            must_change_password: false,
        }
    }

    const WATES: &str = "35.76.02.1010";
    const OTHER: &str = "35.76.02.1009";

    #[test]
    fn a_coordinator_manages_volunteers_and_kiosks_of_their_kelurahan() {
        let me = account("koordinator", Role::Coordinator, Some(WATES)).account;
        let volunteer = Powers::of(&me, &account("relawan", Role::Volunteer, Some(WATES)));
        assert_eq!(
            volunteer,
            Powers {
                toggle: true,
                reset: true,
                rts: true,
                sessions: true
            }
        );
        let kiosk = Powers::of(&me, &account("kiosk", Role::Kiosk, Some(WATES)));
        assert!(kiosk.toggle && kiosk.reset && !kiosk.rts && kiosk.sessions);
        assert!(!Powers::of(&me, &account("x", Role::Volunteer, Some(OTHER))).any());
        assert!(!Powers::of(&me, &account("k2", Role::Coordinator, Some(WATES))).any());
        let own = Powers::of(&me, &account("koordinator", Role::Coordinator, Some(WATES)));
        assert_eq!(
            own,
            Powers {
                sessions: true,
                ..Powers::default()
            }
        );
    }

    #[test]
    fn an_administrator_manages_everyone_but_does_not_disable_themself() {
        let me = account("admin", Role::Admin, None).account;
        let coordinator = Powers::of(&me, &account("k", Role::Coordinator, Some(OTHER)));
        assert!(coordinator.toggle && coordinator.reset && !coordinator.rts);
        let own = Powers::of(&me, &account("admin", Role::Admin, None));
        assert!(!own.toggle && !own.reset && own.sessions);
    }
}
