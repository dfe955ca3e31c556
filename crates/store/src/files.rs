//! Where uploaded files (evidence attachments) live: one interface, a local
//! folder by default. Several servers can share files by pointing this folder
//! at shared storage; an S3-compatible backend would be another variant of
//! [`FileStore`].

use std::path::{Path, PathBuf};

use crate::{Result, StoreError};

#[derive(Debug, Clone)]
pub enum FileStore {
    /// Files under a folder, named by their storage key.
    Local(PathBuf),
}

impl FileStore {
    pub fn local(folder: impl Into<PathBuf>) -> Self {
        FileStore::Local(folder.into())
    }

    /// A new, unguessable storage key.
    pub fn new_key() -> Result<String> {
        Ok(format!("attachments/{}", crate::auth::new_secret()?))
    }

    fn path(folder: &Path, key: &str) -> Result<PathBuf> {
        let safe = key.split('/').all(|part| {
            !part.is_empty()
                && part != ".."
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        });
        if safe {
            Ok(folder.join(key))
        } else {
            Err(StoreError::NotFound)
        }
    }

    pub async fn put(&self, key: &str, bytes: &[u8]) -> Result<()> {
        match self {
            FileStore::Local(folder) => {
                let path = Self::path(folder, key)?;
                if let Some(parent) = path.parent() {
                    tokio::fs::create_dir_all(parent).await.map_err(io_error)?;
                }
                let partial = path.with_extension("partial");
                tokio::fs::write(&partial, bytes).await.map_err(io_error)?;
                tokio::fs::rename(&partial, &path).await.map_err(io_error)
            }
        }
    }

    pub async fn get(&self, key: &str) -> Result<Vec<u8>> {
        match self {
            FileStore::Local(folder) => match tokio::fs::read(Self::path(folder, key)?).await {
                Ok(bytes) => Ok(bytes),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                    Err(StoreError::NotFound)
                }
                Err(error) => Err(io_error(error)),
            },
        }
    }

    pub async fn delete(&self, key: &str) -> Result<()> {
        match self {
            FileStore::Local(folder) => {
                match tokio::fs::remove_file(Self::path(folder, key)?).await {
                    Ok(()) => Ok(()),
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
                    Err(error) => Err(io_error(error)),
                }
            }
        }
    }
}

fn io_error(error: std::io::Error) -> StoreError {
    StoreError::Files(error.to_string())
}
