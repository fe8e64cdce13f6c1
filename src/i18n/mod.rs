//! The UI's texts in Bahasa Indonesia and English, and the current language.
//!
//! Every text is a field of [`Texts`], so a key missing from either language
//! or misspelt in a component is a compile error. Hand-written rather than
//! leptos_i18n: that crate (with icu_locale_core and leptos-use) added 17 KB
//! gzipped to the first load a volunteer pays for (BENCHMARKS.md), and the
//! app needs no plural rules or locale negotiation.

mod en;
mod id;
mod kiosk;
mod rights;

pub use kiosk::KioskTexts;
pub use rights::RightsTexts;

use leptos::prelude::*;

/// The UI languages, Bahasa Indonesia first.
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    id,
    en,
}

impl Locale {
    /// BCP 47 code, as in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::id => "id",
            Locale::en => "en",
        }
    }
}

/// One language's texts.
pub struct Texts {
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_area: &'static str,
    pub nav_about: &'static str,
    pub status_label: &'static str,
    pub status_online: &'static str,
    pub status_offline: &'static str,
    pub status_checking: &'static str,
    pub language_label: &'static str,
    pub update_available: &'static str,
    pub update_reload: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub home_area_none: &'static str,
    pub home_area_current: &'static str,
    pub home_choose_area: &'static str,
    pub area_title: &'static str,
    pub area_kecamatan: &'static str,
    pub area_kelurahan: &'static str,
    pub area_rw: &'static str,
    pub area_rt: &'static str,
    pub area_choose: &'static str,
    pub area_save: &'static str,
    pub area_saved: &'static str,
    pub area_save_failed: &'static str,
    pub area_loading: &'static str,
    pub area_from_cache: &'static str,
    pub area_unavailable: &'static str,
    pub about_title: &'static str,
    pub about_text: &'static str,
    pub about_app_version: &'static str,
    pub about_server_version: &'static str,
    pub about_server_unreachable: &'static str,
    pub not_found: &'static str,
    pub nav_accounts: &'static str,
    pub accounts_title: &'static str,
    pub accounts_new: &'static str,
    pub accounts_role: &'static str,
    pub accounts_create: &'static str,
    pub accounts_created: &'static str,
    pub accounts_rts: &'static str,
    pub accounts_forbidden: &'static str,
    pub role_admin: &'static str,
    pub role_coordinator: &'static str,
    pub role_volunteer: &'static str,
    pub role_kiosk: &'static str,
    pub sync_offline: &'static str,
    pub status_sent: &'static str,
    pub nav_progress: &'static str,
    pub progress_title: &'static str,
    pub progress_of: &'static str,
    pub progress_households: &'static str,
    pub progress_approved: &'static str,
    pub progress_reports: &'static str,
    pub progress_volunteers: &'static str,
    pub review_title: &'static str,
    pub review_state: &'static str,
    pub review_state_submitted: &'static str,
    pub review_comment: &'static str,
    pub review_field: &'static str,
    pub review_field_comment: &'static str,
    pub review_approve: &'static str,
    pub review_return: &'static str,
    pub review_reject: &'static str,
    pub review_reopen: &'static str,
    pub review_saved: &'static str,
    pub status_returned: &'static str,
    pub status_accepted: &'static str,
    pub review_returned: &'static str,
    pub status_conflict: &'static str,
    pub status_rejected: &'static str,
    pub nav_login: &'static str,
    pub login_title: &'static str,
    pub login_username: &'static str,
    pub login_password: &'static str,
    pub login_submit: &'static str,
    pub login_failed: &'static str,
    pub login_offline: &'static str,
    pub login_as: &'static str,
    pub logout: &'static str,
    pub logout_unsent: &'static str,
    pub nav_sync: &'static str,
    pub sync_page_title: &'static str,
    pub sync_problems: &'static str,
    pub sync_problems_none: &'static str,
    pub sync_forms_waiting: &'static str,
    pub sync_forms_waiting_hint: &'static str,
    pub sync_forms_unreadable: &'static str,
    pub form_version_missing: &'static str,
    pub forms_not_downloaded: &'static str,
    pub sync_problems_hint: &'static str,
    pub sync_waiting: &'static str,
    pub sync_waiting_none: &'static str,
    pub photo_refused_no_record: &'static str,
    pub photo_refused_too_large: &'static str,
    pub photo_refused: &'static str,
    pub lock_app: &'static str,
    pub unlock_title: &'static str,
    pub unlock_account: &'static str,
    pub unlock_pin: &'static str,
    pub unlock_submit: &'static str,
    pub unlock_checking: &'static str,
    pub unlock_wrong: &'static str,
    pub unlock_wait: &'static str,
    pub unlock_with_password: &'static str,
    pub pin_title: &'static str,
    pub pin_intro: &'static str,
    pub pin_new: &'static str,
    pub pin_repeat: &'static str,
    pub pin_submit: &'static str,
    pub pin_bad: &'static str,
    pub pin_mismatch: &'static str,
    pub pin_device_key: &'static str,
    pub gate_back: &'static str,
    pub sync_title: &'static str,
    pub sync_unsent: &'static str,
    pub sync_last: &'static str,
    pub sync_never: &'static str,
    pub sync_now: &'static str,
    pub sync_running: &'static str,
    pub sync_failed: &'static str,
    pub sync_login_needed: &'static str,
    pub nav_records: &'static str,
    pub records_title: &'static str,
    pub records_need_area: &'static str,
    pub records_new_household: &'static str,
    pub records_new_infrastructure: &'static str,
    pub records_search: &'static str,
    pub records_empty: &'static str,
    pub records_no_match: &'static str,
    pub records_more: &'static str,
    pub records_count: &'static str,
    pub status_draft: &'static str,
    pub status_editing: &'static str,
    pub status_ready: &'static str,
    pub status_deleted: &'static str,
    pub warnings_label: &'static str,
    pub action_edit: &'static str,
    pub action_delete: &'static str,
    pub action_cancel: &'static str,
    pub delete_confirm: &'static str,
    pub delete_yes: &'static str,
    pub delete_failed: &'static str,
    pub storage_title: &'static str,
    pub storage_persistent: &'static str,
    pub storage_not_persistent: &'static str,
    pub storage_unknown: &'static str,
    pub storage_used: &'static str,
    pub storage_of: &'static str,
    pub form_loading: &'static str,
    pub form_not_found: &'static str,
    pub form_back: &'static str,
    pub form_saving: &'static str,
    pub form_saved: &'static str,
    pub form_save_failed: &'static str,
    pub form_complete: &'static str,
    pub form_has_errors: &'static str,
    pub form_has_warnings: &'static str,
    pub form_completed: &'static str,
    pub form_area: &'static str,
    pub answer_yes: &'static str,
    pub answer_no: &'static str,
    pub choose: &'static str,
    pub search_options: &'static str,
    pub no_nik: &'static str,
    pub gps_take: &'static str,
    pub gps_again: &'static str,
    pub gps_retry: &'static str,
    pub gps_locating: &'static str,
    pub gps_skip: &'static str,
    pub gps_none: &'static str,
    pub gps_accuracy: &'static str,
    pub gps_denied: &'static str,
    pub gps_unavailable: &'static str,
    pub gps_timeout: &'static str,
    pub photo_processing: &'static str,
    pub photo_not_image: &'static str,
    pub photo_too_large: &'static str,
    pub photo_failed: &'static str,
    pub photo_remove: &'static str,
    pub photo_alt: &'static str,
    pub member_add: &'static str,
    pub member_done: &'static str,
    pub member_new: &'static str,
    pub member_fix: &'static str,
    pub members_none: &'static str,
    pub nav_review: &'static str,
    pub console_offline: &'static str,
    pub review_list_title: &'static str,
    pub review_any: &'static str,
    pub review_kind_household: &'static str,
    pub review_kind_infrastructure: &'static str,
    pub review_filter_kind: &'static str,
    pub review_filter_state: &'static str,
    pub review_filter_flag: &'static str,
    pub review_filter_volunteer: &'static str,
    pub review_filter_from: &'static str,
    pub review_filter_to: &'static str,
    pub review_show: &'static str,
    pub review_results: &'static str,
    pub review_none: &'static str,
    pub review_more: &'static str,
    pub review_back: &'static str,
    pub review_flags: &'static str,
    pub review_changes: &'static str,
    pub review_no_changes: &'static str,
    pub review_field_col: &'static str,
    pub review_before: &'static str,
    pub review_after: &'static str,
    pub review_roster: &'static str,
    pub review_answers: &'static str,
    pub review_photos: &'static str,
    pub review_photo: &'static str,
    pub conflict_title: &'static str,
    pub conflict_base: &'static str,
    pub conflict_server: &'static str,
    pub conflict_device: &'static str,
    pub conflict_reason: &'static str,
    pub conflict_keep_server: &'static str,
    pub conflict_keep_device: &'static str,
    pub conflict_other: &'static str,
    pub conflict_save_other: &'static str,
    pub conflict_settled: &'static str,
    pub export_title: &'static str,
    pub export_approved_only: &'static str,
    pub export_full_ids: &'static str,
    pub export_households: &'static str,
    pub export_members: &'static str,
    pub export_infrastructure: &'static str,
    pub export_all_tables: &'static str,
    pub export_points: &'static str,
    pub export_done: &'static str,
    pub audit_title: &'static str,
    pub audit_when: &'static str,
    pub audit_who: &'static str,
    pub audit_what: &'static str,
    pub audit_detail: &'static str,
    pub audit_create: &'static str,
    pub audit_edit: &'static str,
    pub audit_delete: &'static str,
    pub audit_coordinator_edit: &'static str,
    pub audit_export: &'static str,
    pub audit_target: &'static str,
    pub progress_visit_results: &'static str,
    pub progress_infrastructure: &'static str,
    pub map_title: &'static str,
    pub map_empty: &'static str,
    pub map_legend: &'static str,
    pub edit_title: &'static str,
    pub edit_field: &'static str,
    pub edit_value: &'static str,
    pub edit_reason: &'static str,
    pub edit_save: &'static str,
    pub edit_saved: &'static str,
    pub edit_choose_field: &'static str,
    pub edit_bad_value: &'static str,
    pub progress_rws: &'static str,
    pub target_title: &'static str,
    pub target_households: &'static str,
    pub target_save: &'static str,
    pub target_saved: &'static str,
    pub target_bad: &'static str,
    // issue 14: devices
    pub sync_session_ended: &'static str,
    pub ended_title: &'static str,
    pub ended_body: &'static str,
    pub ended_close: &'static str,
    // issue 14: accounts
    pub accounts_status: &'static str,
    pub accounts_active: &'static str,
    pub accounts_inactive: &'static str,
    pub accounts_must_change: &'static str,
    pub accounts_actions: &'static str,
    pub accounts_disable: &'static str,
    pub accounts_enable: &'static str,
    pub accounts_disable_confirm: &'static str,
    pub accounts_enable_confirm: &'static str,
    pub accounts_confirm: &'static str,
    pub accounts_reset: &'static str,
    pub accounts_reset_confirm: &'static str,
    pub accounts_one_time: &'static str,
    pub accounts_one_time_note: &'static str,
    pub accounts_close: &'static str,
    pub accounts_change_rts: &'static str,
    pub accounts_save_rts: &'static str,
    pub accounts_rts_saved: &'static str,
    pub accounts_rts_none: &'static str,
    pub accounts_rts_unknown: &'static str,
    pub accounts_sessions: &'static str,
    pub accounts_sessions_none: &'static str,
    pub session_device: &'static str,
    pub session_last_seen: &'static str,
    pub session_created: &'static str,
    pub session_this: &'static str,
    pub session_end: &'static str,
    pub session_end_confirm: &'static str,
    pub session_ended: &'static str,
    pub password_title: &'static str,
    pub password_current: &'static str,
    pub password_new: &'static str,
    pub password_repeat: &'static str,
    pub password_length: &'static str,
    pub password_mismatch: &'static str,
    pub password_submit: &'static str,
    pub password_changed: &'static str,
    pub password_must_change: &'static str,
    pub password_current_missing: &'static str,
    // issue 14: unlock
    pub secret_pin: &'static str,
    pub secret_passphrase: &'static str,
    pub secret_repeat_pin: &'static str,
    pub secret_repeat_passphrase: &'static str,
    pub secret_pin_bad: &'static str,
    pub secret_passphrase_short: &'static str,
    pub secret_passphrase_mismatch: &'static str,
    pub secret_wrong_passphrase: &'static str,
    pub passphrase_title: &'static str,
    pub passphrase_intro: &'static str,
    pub passphrase_upgrade: &'static str,
    pub passphrase_submit: &'static str,
    pub settings_title: &'static str,
    pub auto_lock_label: &'static str,
    pub auto_lock_minutes: &'static str,
    pub auto_lock_seconds: &'static str,
    pub auto_lock_hint: &'static str,
    // issue 15: form designer
    pub nav_forms: &'static str,
    pub forms_title: &'static str,
    pub forms_forbidden: &'static str,
    pub forms_form: &'static str,
    pub forms_versions: &'static str,
    pub forms_latest: &'static str,
    pub forms_published: &'static str,
    pub designer_draft: &'static str,
    pub designer_back: &'static str,
    pub designer_intro: &'static str,
    pub designer_section: &'static str,
    pub designer_add_section: &'static str,
    pub designer_add_field: &'static str,
    pub designer_edit_section: &'static str,
    pub designer_move_up: &'static str,
    pub designer_move_down: &'static str,
    pub designer_core: &'static str,
    pub designer_required: &'static str,
    pub designer_personal: &'static str,
    pub designer_id: &'static str,
    pub designer_id_fixed: &'static str,
    pub designer_type: &'static str,
    pub designer_type_fixed: &'static str,
    pub designer_label: &'static str,
    pub designer_hint: &'static str,
    pub designer_title_text: &'static str,
    pub designer_in_id: &'static str,
    pub designer_in_en: &'static str,
    pub designer_max_len: &'static str,
    pub designer_multiline: &'static str,
    pub designer_min: &'static str,
    pub designer_max: &'static str,
    pub designer_integer: &'static str,
    pub designer_past_only: &'static str,
    pub designer_list: &'static str,
    pub designer_new_list: &'static str,
    pub designer_list_id: &'static str,
    pub designer_list_shared: &'static str,
    pub designer_code: &'static str,
    pub designer_code_label: &'static str,
    pub designer_codes: &'static str,
    pub designer_add_code: &'static str,
    pub designer_remove_code: &'static str,
    pub designer_sex_field: &'static str,
    pub designer_birth_field: &'static str,
    pub designer_row_title: &'static str,
    pub designer_usual_max: &'static str,
    pub designer_show_if: &'static str,
    pub designer_always: &'static str,
    pub designer_show_codes: &'static str,
    pub designer_rule_kept: &'static str,
    pub designer_rule_replace: &'static str,
    pub designer_constraint: &'static str,
    pub designer_constraint_from: &'static str,
    pub designer_constraint_to: &'static str,
    pub designer_constraint_message: &'static str,
    pub designer_save: &'static str,
    pub designer_preview: &'static str,
    pub designer_preview_hint: &'static str,
    pub designer_preview_clear: &'static str,
    pub designer_publish: &'static str,
    pub designer_publishing: &'static str,
    pub designer_problems: &'static str,
    pub designer_refused: &'static str,
    /// The field types' names, in the order of `rukun_core::form::FIELD_TYPES`.
    pub designer_types: [&'static str; 11],
}

/// The current language, provided by [`I18nContextProvider`].
#[derive(Clone, Copy)]
pub struct I18n(RwSignal<Locale>);

impl I18n {
    /// The texts of the current language (tracked).
    pub fn texts(self) -> &'static Texts {
        match self.0.get() {
            Locale::id => &id::ID,
            Locale::en => &en::EN,
        }
    }

    /// The kiosk's and the board's texts in the current language (tracked).
    pub fn kiosk(self) -> &'static KioskTexts {
        match self.0.get() {
            Locale::id => &kiosk::ID,
            Locale::en => &kiosk::EN,
        }
    }

    /// The texts of residents' rights (issue 16) in the current language
    /// (tracked).
    pub fn rights(self) -> &'static RightsTexts {
        match self.0.get() {
            Locale::id => &rights::ID,
            Locale::en => &rights::EN,
        }
    }

    pub fn get_locale(self) -> Locale {
        self.0.get()
    }

    pub fn set_locale(self, locale: Locale) {
        self.0.set(locale);
    }
}

pub fn use_i18n() -> I18n {
    expect_context()
}

/// Provides the language to its children and keeps `<html lang>` in step.
#[component]
pub fn I18nContextProvider(children: Children) -> impl IntoView {
    let locale = RwSignal::new(Locale::default());
    provide_context(I18n(locale));
    Effect::new(move |_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", locale.get().code());
        }
    });
    children()
}

/// A text that follows the language, for views: `t!(i18n, nav_home)`.
macro_rules! t {
    ($i18n:expr, $key:ident) => {
        move || $i18n.texts().$key
    };
}

/// The text now, for attributes and formatting (tracked when read reactively).
macro_rules! t_string {
    ($i18n:expr, $key:ident) => {
        $i18n.texts().$key
    };
}

/// A kiosk text that follows the language, for views: `kt!(i18n, welcome)`.
macro_rules! kt {
    ($i18n:expr, $key:ident) => {
        move || $i18n.kiosk().$key
    };
}

/// A text of residents' rights that follows the language: `rt!(i18n, take)`.
macro_rules! rt {
    ($i18n:expr, $key:ident) => {
        move || $i18n.rights().$key
    };
}

pub(crate) use {kt, rt, t, t_string};
