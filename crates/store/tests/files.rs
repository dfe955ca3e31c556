//! The file store's contract, for each backend: the local folder always, and
//! an S3-compatible bucket when GEDHUB_TEST_S3_ENDPOINT names one
//! (`scripts/test.sh` starts a moto S3 server for its `s3` step).

use gedhub_store::StoreError;
use gedhub_store::files::{FileStore, S3Config};

/// Put, read back, replace, delete: what attachments need from any backend.
async fn exercise(files: &FileStore) {
    files.check().await.expect("the storage is reachable");
    let key = FileStore::new_key().expect("key");
    let pdf = b"%PDF-1.7 evidence".repeat(1000);
    files.put(&key, &pdf).await.expect("put");
    assert_eq!(files.get(&key).await.expect("get"), pdf);

    files.put(&key, b"second version").await.expect("replace");
    assert_eq!(files.get(&key).await.expect("get"), b"second version");

    let other = FileStore::new_key().expect("key");
    assert!(matches!(files.get(&other).await, Err(StoreError::NotFound)));

    files.delete(&key).await.expect("delete");
    assert!(matches!(files.get(&key).await, Err(StoreError::NotFound)));
    files
        .delete(&key)
        .await
        .expect("deleting twice is not an error");

    // Keys that could escape the store are treated as absent, not trusted.
    for bad in ["../etc/passwd", "attachments/../x", "a//b", "a b", ""] {
        assert!(
            matches!(files.get(bad).await, Err(StoreError::NotFound)),
            "{bad:?}"
        );
        assert!(files.put(bad, b"x").await.is_err(), "{bad:?}");
    }
}

#[tokio::test]
async fn a_local_folder_keeps_files() {
    let folder = tempfile::tempdir().expect("temp dir");
    exercise(&FileStore::local(folder.path().join("files"))).await;
}

fn s3_config(bucket: &str) -> Option<S3Config> {
    let endpoint = std::env::var("GEDHUB_TEST_S3_ENDPOINT").ok()?;
    Some(S3Config {
        endpoint,
        bucket: bucket.to_owned(),
        region: "us-east-1".to_owned(),
        access_key_id: "gedhub-test".to_owned(),
        secret_access_key: "gedhub-test-secret".to_owned(),
    })
}

fn unique_bucket() -> String {
    format!(
        "gedhub-test-{}",
        gedhub_store::auth::new_secret()
            .expect("random")
            .to_lowercase()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(12)
            .collect::<String>()
    )
}

#[tokio::test]
async fn an_s3_bucket_keeps_files() {
    let bucket = unique_bucket();
    let Some(config) = s3_config(&bucket) else {
        eprintln!(
            "GEDHUB_TEST_S3_ENDPOINT is not set: the S3 backend is tested by scripts/test.sh's s3 step"
        );
        return;
    };
    let store = gedhub_store::files::S3Bucket::new(config.clone()).expect("config");
    store.create().await.expect("create the bucket");
    exercise(&FileStore::s3(config).expect("config")).await;
}

#[tokio::test]
async fn a_missing_bucket_is_reported_at_start_up_with_s3s_error_code() {
    let Some(config) = s3_config(&unique_bucket()) else {
        return;
    };
    let files = FileStore::s3(config).expect("config");
    let error = files.check().await.expect_err("no such bucket");
    assert!(error.to_string().contains("404"), "{error}");
}
