//! The privacy notice this device reads to respondents: the latest version
//! the server published, kept in the shared database (it holds no one's
//! data) so the form shows it offline.

use rukun_core::consent::Notice;

use super::{LocalDb, StorageError, META};

const NOTICE_KEY: &str = "privacy_notice";

impl LocalDb {
    /// Keeps `notice` unless a newer version is already stored.
    pub async fn save_notice(&self, notice: &Notice) -> Result<(), StorageError> {
        match self.notice().await? {
            Some(stored) if stored.version >= notice.version => Ok(()),
            _ => self.put(META, NOTICE_KEY, notice).await,
        }
    }

    /// The latest notice downloaded, if any.
    pub async fn notice(&self) -> Result<Option<Notice>, StorageError> {
        self.get(META, NOTICE_KEY).await
    }
}
