//! Shared application state, built once by the CLI.

use std::sync::Arc;

use gedhub_store::files::FileStore;
use gedhub_store::{Store, Timestamp};

/// Settings of the web edge.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure`. Also set automatically when a trusted proxy says
    /// the request came over HTTPS.
    pub secure_cookies: bool,
    /// Trust `X-Forwarded-For` / `X-Forwarded-Proto` (only behind a proxy that
    /// sets them).
    pub trust_proxy_headers: bool,
    /// How long a session lasts.
    pub session_hours: i64,
    /// How many wrong passwords are tolerated, from where, and the waits
    /// after them (see [`gedhub_core::signin`]).
    pub sign_in_throttle: gedhub_core::signin::Throttle,
    /// Where uploaded evidence files are kept: a local folder, or an
    /// S3-compatible bucket that several servers share.
    pub files: FileStore,
    /// The address users and verifiers reach gedhub at (no trailing
    /// slash). Credentials name their issuer by the `did:web` derived from
    /// it and point to `<public_url>/credentials/...`: change it only with
    /// a DNS name that keeps serving the old one (docs/CREDENTIALS.md).
    pub public_url: String,
    /// Seconds the inquiry form must stay open before it is sent (faster
    /// is taken for a script).
    pub inquiry_min_fill_seconds: i64,
    /// New inquiries one user may send per hour.
    pub inquiries_per_hour: i64,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            trust_proxy_headers: false,
            session_hours: 12,
            sign_in_throttle: gedhub_core::signin::Throttle::default(),
            files: FileStore::local("gedhub-files"),
            public_url: "http://localhost:8080".to_owned(),
            inquiry_min_fill_seconds: gedhub_core::inquiries::MIN_FILL_SECONDS,
            inquiries_per_hour: gedhub_core::inquiries::PER_HOUR,
        }
    }
}

/// Where "now" comes from; tests replace it.
pub type Clock = Arc<dyn Fn() -> Timestamp + Send + Sync>;

pub struct App {
    /// The Secretariat dashboard's figures, kept for a second: the dashboard is
    /// the most requested page and these figures change rarely. At most one
    /// second stale, on every server alike.
    pub overview_cache: std::sync::Mutex<
        Option<(
            std::time::Instant,
            gedhub_store::administrations::SecretariatOverview,
        )>,
    >,
    pub store: Store,
    pub files: FileStore,
    pub config: WebConfig,
    pub clock: Clock,
}

/// The state every handler receives. Cheap to clone.
#[derive(Clone)]
pub struct AppState(pub Arc<App>);

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> Self {
        Self::with_clock(store, config, Arc::new(Timestamp::now))
    }

    pub fn with_clock(store: Store, config: WebConfig, clock: Clock) -> Self {
        Self(Arc::new(App {
            overview_cache: std::sync::Mutex::new(None),
            files: config.files.clone(),
            store,
            config,
            clock,
        }))
    }

    pub fn store(&self) -> &Store {
        &self.0.store
    }

    /// The Secretariat overview, from the one-second cache when fresh.
    pub async fn secretariat_overview(
        &self,
    ) -> gedhub_store::Result<gedhub_store::administrations::SecretariatOverview> {
        let max_age = std::time::Duration::from_secs(1);
        if let Ok(cache) = self.0.overview_cache.lock()
            && let Some((taken, overview)) = cache.as_ref()
            && taken.elapsed() < max_age
        {
            return Ok(overview.clone());
        }
        let overview = self.0.store.secretariat_overview().await?;
        if let Ok(mut cache) = self.0.overview_cache.lock() {
            *cache = Some((std::time::Instant::now(), overview.clone()));
        }
        Ok(overview)
    }

    pub fn files(&self) -> &FileStore {
        &self.0.files
    }

    pub fn config(&self) -> &WebConfig {
        &self.0.config
    }

    pub fn now(&self) -> Timestamp {
        (self.0.clock)()
    }

    /// Today's date (UTC) as `YYYY-MM-DD`, the form stored dates compare in.
    pub fn today(&self) -> String {
        self.now().to_db().chars().take(10).collect()
    }
}
