//! A small S3 client: PUT, GET, DELETE and HEAD of objects in one bucket,
//! signed with AWS Signature Version 4 and addressed path-style
//! (`ENDPOINT/BUCKET/KEY`), which every S3-compatible store accepts.
//!
//! Why not an SDK: gedhub needs four calls; the AWS SDK and `object_store`
//! bring a second TLS stack and hundreds of crates for them. The signer is
//! pinned by the examples of the AWS documentation (tests below) and the
//! client by a round trip against a real S3 emulator in CI.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use http::{Method, Request, StatusCode, Uri};
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use sha2::{Digest, Sha256};

use crate::{Result, StoreError};

/// How long one request to the object store may take before it is abandoned.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// Where the bucket is and how to sign in to it.
#[derive(Clone)]
pub struct S3Config {
    /// e.g. `https://s3.eu-west-1.amazonaws.com` or `http://minio.internal:9000`.
    pub endpoint: String,
    pub bucket: String,
    /// The signing region (`us-east-1` for most S3-compatible stores).
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
}

impl fmt::Debug for S3Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("S3Config")
            .field("endpoint", &self.endpoint)
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"(hidden)")
            .finish()
    }
}

/// A bucket ready to use; cheap to clone (the connection pool is shared).
#[derive(Clone)]
pub struct S3Bucket {
    config: S3Config,
    /// `scheme://authority` of the endpoint, without a trailing slash.
    origin: String,
    /// The `Host` header value that is signed and sent.
    host: String,
    /// Any path the endpoint itself has (e.g. behind a reverse proxy).
    base_path: String,
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

impl fmt::Debug for S3Bucket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("S3Bucket")
            .field("config", &self.config)
            .finish()
    }
}

impl S3Bucket {
    pub fn new(config: S3Config) -> Result<Self> {
        let invalid = |why: &str| StoreError::Files(format!("S3 configuration: {why}"));
        let uri: Uri = config
            .endpoint
            .parse()
            .map_err(|_| invalid("the endpoint is not a URL"))?;
        let scheme = uri
            .scheme_str()
            .filter(|scheme| *scheme == "http" || *scheme == "https")
            .ok_or_else(|| invalid("the endpoint must start with http:// or https://"))?;
        let authority = uri
            .authority()
            .ok_or_else(|| invalid("the endpoint has no host"))?;
        if config.bucket.is_empty()
            || !config
                .bucket
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        {
            return Err(invalid(
                "the bucket name must be lowercase letters, digits, '-' or '.'",
            ));
        }
        if config.access_key_id.is_empty() || config.secret_access_key.is_empty() {
            return Err(invalid(
                "the access key id and secret access key are required",
            ));
        }
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_native_roots()
            .map_err(|error| invalid(&format!("no TLS root certificates: {error}")))?
            .https_or_http()
            .enable_http1()
            .build();
        Ok(Self {
            origin: format!("{scheme}://{authority}"),
            host: authority.as_str().to_owned(),
            base_path: uri.path().trim_end_matches('/').to_owned(),
            client: Client::builder(TokioExecutor::new()).build(connector),
            config,
        })
    }

    /// The bucket exists and the credentials open it.
    pub async fn check(&self) -> Result<()> {
        let (status, body) = self.send(Method::HEAD, None, Bytes::new()).await?;
        if status.is_success() {
            Ok(())
        } else {
            Err(self.failure(&Method::HEAD, None, status, &body))
        }
    }

    /// Creates the bucket (for tests and first-time set-up scripts).
    pub async fn create(&self) -> Result<()> {
        let (status, body) = self.send(Method::PUT, None, Bytes::new()).await?;
        if status.is_success() {
            Ok(())
        } else {
            Err(self.failure(&Method::PUT, None, status, &body))
        }
    }

    pub async fn put(&self, key: &str, bytes: &[u8]) -> Result<()> {
        let (status, body) = self
            .send(Method::PUT, Some(key), Bytes::copy_from_slice(bytes))
            .await?;
        if status.is_success() {
            Ok(())
        } else {
            Err(self.failure(&Method::PUT, Some(key), status, &body))
        }
    }

    pub async fn get(&self, key: &str) -> Result<Vec<u8>> {
        let (status, body) = self.send(Method::GET, Some(key), Bytes::new()).await?;
        match status {
            status if status.is_success() => Ok(body.to_vec()),
            StatusCode::NOT_FOUND => Err(StoreError::NotFound),
            status => Err(self.failure(&Method::GET, Some(key), status, &body)),
        }
    }

    /// Deleting a missing object is not an error (S3 answers 204 either way).
    pub async fn delete(&self, key: &str) -> Result<()> {
        let (status, body) = self.send(Method::DELETE, Some(key), Bytes::new()).await?;
        if status.is_success() || status == StatusCode::NOT_FOUND {
            Ok(())
        } else {
            Err(self.failure(&Method::DELETE, Some(key), status, &body))
        }
    }

    fn path(&self, key: Option<&str>) -> String {
        let mut path = format!("{}/{}", self.base_path, uri_encode(&self.config.bucket));
        if let Some(key) = key {
            for part in key.split('/') {
                path.push('/');
                path.push_str(&uri_encode(part));
            }
        }
        path
    }

    async fn send(
        &self,
        method: Method,
        key: Option<&str>,
        body: Bytes,
    ) -> Result<(StatusCode, Bytes)> {
        let path = self.path(key);
        let payload_hash = hex::encode(Sha256::digest(&body));
        let now = Utc::now();
        let amz_date = now.format("%Y%m%dT%H%M%SZ").to_string();
        let signed = [
            ("host", self.host.as_str()),
            ("x-amz-content-sha256", payload_hash.as_str()),
            ("x-amz-date", amz_date.as_str()),
        ];
        let authorization = authorization_header(
            &SigningRequest {
                method: method.as_str(),
                canonical_uri: &path,
                canonical_query: "",
                headers: &signed,
                payload_hash: &payload_hash,
            },
            &self.config,
            now,
        )?;
        let mut request = Request::builder()
            .method(method.clone())
            .uri(format!("{}{}", self.origin, path));
        for (name, value) in signed {
            request = request.header(name, value);
        }
        let request = request
            .header("authorization", authorization)
            .header("content-length", body.len())
            .body(Full::new(body))
            .map_err(|error| StoreError::Files(format!("S3 request: {error}")))?;
        let unreachable = |error: String| {
            StoreError::Files(format!(
                "S3 {method} {}: {error}",
                key.unwrap_or(&self.config.bucket)
            ))
        };
        let exchange = async {
            let response = self
                .client
                .request(request)
                .await
                .map_err(|error| unreachable(error.to_string()))?;
            let status = response.status();
            let bytes = response
                .into_body()
                .collect()
                .await
                .map_err(|error| unreachable(error.to_string()))?
                .to_bytes();
            Ok((status, bytes))
        };
        tokio::time::timeout(REQUEST_TIMEOUT, exchange)
            .await
            .map_err(|_| unreachable("no answer within 60 s".to_owned()))?
    }

    /// An error that names the operation and S3's own error code (e.g.
    /// `NoSuchBucket`, `SignatureDoesNotMatch`) so an operator can act on it.
    fn failure(
        &self,
        method: &Method,
        key: Option<&str>,
        status: StatusCode,
        body: &[u8],
    ) -> StoreError {
        let text = String::from_utf8_lossy(body);
        let code = text
            .split_once("<Code>")
            .and_then(|(_, rest)| rest.split_once("</Code>"))
            .map(|(code, _)| code.to_owned())
            .unwrap_or_default();
        StoreError::Files(format!(
            "S3 {method} {}/{}: HTTP {status} {code}",
            self.config.bucket,
            key.unwrap_or("")
        ))
    }
}

/// The parts of a request that Signature Version 4 signs.
struct SigningRequest<'a> {
    method: &'a str,
    /// Already URI-encoded path.
    canonical_uri: &'a str,
    canonical_query: &'a str,
    /// Headers to sign, names in lowercase.
    headers: &'a [(&'a str, &'a str)],
    payload_hash: &'a str,
}

/// The `Authorization` header value for a request (AWS Signature Version 4,
/// service `s3`).
fn authorization_header(
    request: &SigningRequest<'_>,
    config: &S3Config,
    now: DateTime<Utc>,
) -> Result<String> {
    let amz_date = now.format("%Y%m%dT%H%M%SZ").to_string();
    let day = now.format("%Y%m%d").to_string();
    let mut headers: Vec<(&str, &str)> = request.headers.to_vec();
    headers.sort_by(|a, b| a.0.cmp(b.0));
    let canonical_headers: String = headers
        .iter()
        .map(|(name, value)| format!("{name}:{}\n", value.trim()))
        .collect();
    let signed_headers = headers
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(";");
    let canonical_request = format!(
        "{}\n{}\n{}\n{canonical_headers}\n{signed_headers}\n{}",
        request.method, request.canonical_uri, request.canonical_query, request.payload_hash
    );
    let scope = format!("{day}/{}/s3/aws4_request", config.region);
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    );
    let secret = format!("AWS4{}", config.secret_access_key);
    let mut key = hmac(secret.as_bytes(), day.as_bytes())?;
    for part in [config.region.as_str(), "s3", "aws4_request"] {
        key = hmac(&key, part.as_bytes())?;
    }
    let signature = hex::encode(hmac(&key, string_to_sign.as_bytes())?);
    Ok(format!(
        "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
        config.access_key_id
    ))
}

fn hmac(key: &[u8], data: &[u8]) -> Result<Vec<u8>> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key)
        .map_err(|error| StoreError::Files(format!("S3 signing: {error}")))?;
    mac.update(data);
    Ok(mac.finalize().into_bytes().to_vec())
}

/// URI-encodes one path segment the way Signature Version 4 expects:
/// everything but `A-Z a-z 0-9 - . _ ~` as `%XX`.
fn uri_encode(segment: &str) -> String {
    let mut encoded = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The credentials of the AWS documentation's Signature Version 4 examples
    /// ("Signature Calculations for the Authorization Header: Transferring
    /// Payload in a Single Chunk", bucket `examplebucket`, 24 May 2013).
    fn aws_example() -> (S3Config, DateTime<Utc>) {
        let config = S3Config {
            endpoint: "https://examplebucket.s3.amazonaws.com".into(),
            bucket: "examplebucket".into(),
            region: "us-east-1".into(),
            access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
            secret_access_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
        };
        let now = DateTime::parse_from_rfc3339("2013-05-24T00:00:00Z")
            .expect("date")
            .with_timezone(&Utc);
        (config, now)
    }

    const EMPTY_HASH: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn signs_the_aws_documentation_get_object_example() {
        let (config, now) = aws_example();
        let header = authorization_header(
            &SigningRequest {
                method: "GET",
                canonical_uri: "/test.txt",
                canonical_query: "",
                headers: &[
                    ("host", "examplebucket.s3.amazonaws.com"),
                    ("range", "bytes=0-9"),
                    ("x-amz-content-sha256", EMPTY_HASH),
                    ("x-amz-date", "20130524T000000Z"),
                ],
                payload_hash: EMPTY_HASH,
            },
            &config,
            now,
        )
        .expect("signature");
        assert_eq!(
            header,
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, \
             SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, \
             Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        );
    }

    #[test]
    fn signs_the_aws_documentation_put_object_example() {
        let (config, now) = aws_example();
        let payload_hash = hex::encode(Sha256::digest(b"Welcome to Amazon S3."));
        assert_eq!(
            payload_hash,
            "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"
        );
        let header = authorization_header(
            &SigningRequest {
                method: "PUT",
                canonical_uri: &format!("/{}", uri_encode("test$file.text")),
                canonical_query: "",
                headers: &[
                    ("date", "Fri, 24 May 2013 00:00:00 GMT"),
                    ("host", "examplebucket.s3.amazonaws.com"),
                    ("x-amz-content-sha256", &payload_hash),
                    ("x-amz-date", "20130524T000000Z"),
                    ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
                ],
                payload_hash: &payload_hash,
            },
            &config,
            now,
        )
        .expect("signature");
        assert!(
            header.ends_with(
                "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"
            ),
            "{header}"
        );
    }

    #[test]
    fn encodes_path_segments_as_signature_version_4_expects() {
        assert_eq!(uri_encode("test$file.text"), "test%24file.text");
        assert_eq!(uri_encode("a b~c_d-e"), "a%20b~c_d-e");
        assert_eq!(uri_encode("é"), "%C3%A9");
    }

    #[test]
    fn refuses_a_configuration_that_cannot_work() {
        let (config, _) = aws_example();
        let with = |change: fn(&mut S3Config)| {
            let mut config = config.clone();
            change(&mut config);
            S3Bucket::new(config)
        };
        assert!(with(|c| c.endpoint = "ftp://example.org".into()).is_err());
        assert!(with(|c| c.endpoint = "not a url".into()).is_err());
        assert!(with(|c| c.bucket = "Upper_Case".into()).is_err());
        assert!(with(|c| c.secret_access_key = String::new()).is_err());
        let bucket = with(|c| c.endpoint = "http://127.0.0.1:9000/storage/".into())
            .expect("a valid configuration");
        assert_eq!(
            bucket.path(Some("attachments/abc")),
            "/storage/examplebucket/attachments/abc"
        );
        assert!(
            !format!("{bucket:?}").contains("wJalr"),
            "the secret is never printed"
        );
    }
}
