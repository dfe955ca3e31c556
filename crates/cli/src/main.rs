//! The `gedhub` command: one binary to serve the platform and administer it.

use std::io::{BufRead, IsTerminal};
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};
use gedhub_app::instruments::ImportOutcome;
use gedhub_core::{AdministrationCode, Email, NewPassword, Role, password};
use gedhub_store::demo::{DEMO_ACCOUNTS, DEMO_PASSWORD};
use gedhub_store::files::{FileStore, S3Config};
use gedhub_store::users::NewUser;
use gedhub_store::{Actor, Store};
use gedhub_web::mail::{Mailer, SmtpConfig, SmtpTls};
use gedhub_web::{AppState, WebConfig};

/// gedhub: the WCO Gender Equality and Diversity platform for Customs
/// administrations.
#[derive(Parser, Debug)]
#[command(name = "gedhub", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the web server (pages and JSON API).
    Serve {
        #[command(flatten)]
        server: ServeArgs,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Run the web server with demo data (creates the demo accounts if missing).
    Demo {
        #[command(flatten)]
        server: ServeArgs,
        /// Database URL; by default a demo file beside you, never your real database.
        #[arg(
            long,
            env = "GEDHUB_DATABASE_URL",
            default_value = "sqlite://gedhub-demo.db"
        )]
        database: String,
    },
    /// Apply pending database migrations, then exit.
    Migrate(DatabaseArgs),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage personal API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Import or export assessment instruments (GEOAT editions) as .xlsx workbooks.
    #[command(subcommand)]
    Instrument(InstrumentCommand),
    /// Compute sex-disaggregated workforce statistics from an HR extract.
    #[command(subcommand)]
    Workforce(WorkforceCommand),
    /// Manage the key that signs verifiable credentials.
    #[command(subcommand)]
    Credentials(CredentialsCommand),
    /// Write a consistent copy of the database to a file (safe while the server runs).
    Backup {
        #[command(flatten)]
        database: DatabaseArgs,
        /// Where to write the backup (JSON).
        #[arg(long, env = "GEDHUB_BACKUP_TO")]
        to: PathBuf,
    },
    /// Load a backup into the database. Refuses to overwrite existing data
    /// unless --replace is given.
    Restore {
        #[command(flatten)]
        database: DatabaseArgs,
        /// The backup file to load.
        #[arg(long, env = "GEDHUB_RESTORE_FROM")]
        from: PathBuf,
        /// Replace the data already in the database (everyone is signed out).
        #[arg(long)]
        replace: bool,
    },
}

#[derive(Args, Debug, Clone)]
struct DatabaseArgs {
    /// Database URL: sqlite://FILE (embedded, the default) or postgres://USER@HOST/DB.
    #[arg(
        long,
        env = "GEDHUB_DATABASE_URL",
        default_value = "sqlite://gedhub.db"
    )]
    database: String,
}

#[derive(Args, Debug, Clone)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "GEDHUB_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The address users and credential verifiers reach gedhub at, e.g.
    /// https://gedhub.wcoomd.org. Verifiable credentials name their issuer
    /// by the did:web of this URL and point into it: choose it once.
    /// Without it, http:// and the --addr address (localhost for an
    /// unspecified address such as 0.0.0.0).
    #[arg(long, env = "GEDHUB_PUBLIC_URL")]
    public_url: Option<String>,
    /// Mark cookies Secure (set this when users reach gedhub over HTTPS).
    #[arg(long, env = "GEDHUB_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Trust X-Forwarded-For and X-Forwarded-Proto (only behind a proxy that sets them).
    #[arg(long, env = "GEDHUB_TRUST_PROXY")]
    trust_proxy: bool,
    /// Folder for uploaded evidence files (unless an S3 bucket is given).
    #[arg(long, env = "GEDHUB_FILES", default_value = "gedhub-files")]
    files: PathBuf,
    /// Keep evidence files in this bucket of an S3-compatible object store
    /// instead of the folder, so that several servers share them.
    #[arg(long, env = "GEDHUB_S3_BUCKET", requires = "s3_endpoint")]
    s3_bucket: Option<String>,
    /// The object store's URL, e.g. https://s3.eu-west-1.amazonaws.com or
    /// http://minio.internal:9000 (path-style addressing is used).
    #[arg(long, env = "GEDHUB_S3_ENDPOINT", requires = "s3_bucket")]
    s3_endpoint: Option<String>,
    /// The signing region of the object store.
    #[arg(long, env = "GEDHUB_S3_REGION", default_value = "us-east-1")]
    s3_region: String,
    /// Access key id for the bucket (environment only, like the secret).
    #[arg(long, env = "GEDHUB_S3_ACCESS_KEY_ID", hide_env_values = true)]
    s3_access_key_id: Option<String>,
    /// Secret access key for the bucket; give it through the environment so
    /// that it does not show in the process list.
    #[arg(long, env = "GEDHUB_S3_SECRET_ACCESS_KEY", hide_env_values = true)]
    s3_secret_access_key: Option<String>,
    /// SMTP server for e-mails (reminders). Without it, e-mails are written
    /// to the outbox folder and logged.
    #[arg(long, env = "GEDHUB_SMTP_HOST")]
    smtp_host: Option<String>,
    #[arg(long, env = "GEDHUB_SMTP_PORT", default_value_t = 587)]
    smtp_port: u16,
    /// none, starttls or tls.
    #[arg(long, env = "GEDHUB_SMTP_TLS", default_value = "starttls")]
    smtp_tls: String,
    #[arg(long, env = "GEDHUB_SMTP_USERNAME")]
    smtp_username: Option<String>,
    /// Give it through the environment so that it does not show in the process list.
    #[arg(long, env = "GEDHUB_SMTP_PASSWORD", hide_env_values = true)]
    smtp_password: Option<String>,
    /// The sender address of gedhub's e-mails.
    #[arg(
        long,
        env = "GEDHUB_MAIL_FROM",
        default_value = "gedhub <no-reply@gedhub.invalid>"
    )]
    mail_from: String,
    /// Where e-mails go when no SMTP server is configured.
    #[arg(long, env = "GEDHUB_OUTBOX", default_value = "gedhub-outbox")]
    outbox: PathBuf,
    /// Log lines on stderr as readable text or as one JSON object per line
    /// (for a log collector). RUST_LOG chooses what is logged.
    #[arg(long, env = "GEDHUB_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum LogFormat {
    Text,
    Json,
}

impl ServeArgs {
    /// `--public-url`, or the address gedhub listens on.
    fn public_url(&self) -> String {
        match &self.public_url {
            Some(url) => url.trim().trim_end_matches('/').to_owned(),
            None => default_public_url(self.addr),
        }
    }

    /// The file store the options describe: the S3 bucket when one is named,
    /// the local folder otherwise.
    fn file_store(&self) -> Result<FileStore> {
        let (Some(bucket), Some(endpoint)) = (&self.s3_bucket, &self.s3_endpoint) else {
            return Ok(FileStore::local(self.files.clone()));
        };
        let config = S3Config {
            endpoint: endpoint.clone(),
            bucket: bucket.clone(),
            region: self.s3_region.clone(),
            access_key_id: self.s3_access_key_id.clone().unwrap_or_default(),
            secret_access_key: self.s3_secret_access_key.clone().unwrap_or_default(),
        };
        FileStore::s3(config).map_err(describe)
    }

    /// The SMTP server when one is named, the outbox folder otherwise.
    fn mailer(&self) -> Result<Mailer> {
        let Some(host) = &self.smtp_host else {
            return Ok(Mailer::outbox(self.outbox.clone(), &self.mail_from));
        };
        let tls = SmtpTls::parse(&self.smtp_tls)
            .ok_or_else(|| anyhow::anyhow!("--smtp-tls must be none, starttls or tls"))?;
        Ok(Mailer::smtp(SmtpConfig {
            host: host.clone(),
            port: self.smtp_port,
            username: self.smtp_username.clone(),
            password: self.smtp_password.clone(),
            tls,
            from: self.mail_from.clone(),
        })?)
    }
}

#[derive(Subcommand, Debug)]
enum UserCommand {
    /// Create an account.
    Add {
        #[command(flatten)]
        database: DatabaseArgs,
        #[arg(long, env = "GEDHUB_USER_EMAIL")]
        email: String,
        /// Display name.
        #[arg(long, env = "GEDHUB_USER_NAME")]
        name: String,
        /// secretariat, focal_point, expert or participant.
        #[arg(long, env = "GEDHUB_USER_ROLE")]
        role: String,
        /// Administration code (e.g. BJ); required for focal points.
        #[arg(long, env = "GEDHUB_USER_ADMINISTRATION")]
        administration: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

#[derive(Subcommand, Debug)]
enum InstrumentCommand {
    /// Import an instrument workbook; a workbook with any problem is refused whole.
    Import {
        #[command(flatten)]
        database: DatabaseArgs,
        /// The .xlsx workbook (sheets settings, structure, scale).
        file: PathBuf,
    },
    /// Export an instrument as the workbook the import reads.
    Export {
        #[command(flatten)]
        database: DatabaseArgs,
        /// The instrument code, e.g. gedhub-geoat-2023.
        code: String,
        /// Where to write the .xlsx file.
        #[arg(long)]
        to: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
enum WorkforceCommand {
    /// Print the statistics of one HR extract (CSV, or the first sheet of an
    /// .xlsx workbook): representation, flows and the pay-gap indicators. The
    /// file is only read; nothing is stored.
    Report {
        /// The extract: one row per worker employed during the year.
        #[arg(long)]
        input: PathBuf,
        /// The reference year (hires, exits and promotions dated in it count).
        #[arg(long)]
        year: i32,
        /// json, table or xlsx (needs --output); figures to one decimal.
        #[arg(long, value_enum, default_value_t = WorkforceFormat::Json)]
        format: WorkforceFormat,
        /// Pay figures of groups with fewer women or fewer men than this are not
        /// shown (disclosure control). Below 10 (the floor for anything stored or
        /// shared) the output is marked for your own use only.
        #[arg(long, default_value_t = gedhub_core::workforce::ReportOptions::DEFAULT_MIN_GROUP)]
        min_group: u32,
        /// Compute on the valid rows and count the others, instead of refusing the file.
        #[arg(long)]
        skip_invalid: bool,
        /// Write to this file instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
    },
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum WorkforceFormat {
    Json,
    Table,
    Xlsx,
}

#[derive(Subcommand, Debug)]
enum CredentialsCommand {
    /// Create a new signing key and retire the current one. Retired keys
    /// stay published in /.well-known/did.json, so credentials they signed
    /// keep verifying. Prints the new key's name.
    RotateKey {
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

#[derive(Subcommand, Debug)]
enum TokenCommand {
    /// Create a personal API token and print it (only the token) on stdout.
    Create {
        #[command(flatten)]
        database: DatabaseArgs,
        #[arg(long, env = "GEDHUB_TOKEN_EMAIL")]
        email: String,
    },
}

impl Cli {
    /// `--log-format` of the server commands; text for the others.
    fn log_format(&self) -> LogFormat {
        match &self.command {
            Command::Serve { server, .. } | Command::Demo { server, .. } => server.log_format,
            _ => LogFormat::Text,
        }
    }
}

/// Logs go to stderr, filtered by RUST_LOG (default: information and up,
/// sqlx's only from warnings).
fn init_logging(format: LogFormat) {
    let logs = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs.json().init(),
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    init_logging(cli.log_format());
    match run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            // The causes, one per line; no backtrace: this is for the operator.
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn open(database: &DatabaseArgs) -> Result<Store> {
    let store = Store::connect(&database.database)
        .await
        .with_context(|| format!("cannot open the database {}", database.database))?;
    store
        .migrate()
        .await
        .context("cannot apply the database migrations")?;
    store.seed_wco_members().await?;
    store
        .seed_instruments()
        .await
        .context("cannot load the shipped instrument")?;
    Ok(store)
}

async fn run(cli: Cli) -> Result<()> {
    let cli_actor = Actor::system("cli");
    match cli.command {
        Command::Serve { server, database } => {
            let store = open(&database).await?;
            serve(store, &server, false).await
        }
        Command::Demo { server, database } => {
            let store = open(&DatabaseArgs { database }).await?;
            store
                .seed_demo()
                .await
                .context("cannot create the demo data")?;
            serve(store, &server, true).await
        }
        Command::Credentials(CredentialsCommand::RotateKey { database }) => {
            let store = open(&database).await?;
            let name = store
                .rotate_credential_key(&cli_actor)
                .await
                .map_err(describe)?;
            store.close().await;
            println!("{name}");
            Ok(())
        }
        Command::Migrate(database) => {
            let store = open(&database).await?;
            store.close().await;
            eprintln!(
                "The database is up to date (migrations, the WCO Members list, the shipped instrument)."
            );
            Ok(())
        }
        Command::User(UserCommand::Add {
            database,
            email,
            name,
            role,
            administration,
            password_stdin: _,
        }) => {
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .context("cannot read the password from standard input")?;
            let new_password = NewPassword::parse(line.trim_end_matches(['\r', '\n']))
                .map_err(|e| anyhow::anyhow!("password: {}", e.code))?;
            let email = Email::parse(&email).map_err(|e| anyhow::anyhow!("--email: {}", e.code))?;
            let role = Role::parse(&role).map_err(|e| anyhow::anyhow!("--role: {}", e.code))?;
            let administration = administration
                .as_deref()
                .map(AdministrationCode::parse)
                .transpose()
                .map_err(|e| anyhow::anyhow!("--administration: {}", e.code))?;
            let name = gedhub_core::required_text("name", &name, 200)
                .map_err(|e| anyhow::anyhow!("--name: {}", e.code))?;
            let store = open(&database).await?;
            let password_hash = password::hash(&new_password)?;
            let user = store
                .create_user(
                    &cli_actor,
                    NewUser {
                        email,
                        name,
                        role,
                        administration,
                        password_hash,
                    },
                )
                .await
                .map_err(describe)?;
            eprintln!("Created {} ({}).", user.email, user.role);
            Ok(())
        }
        Command::Instrument(InstrumentCommand::Import { database, file }) => {
            let bytes = read_bounded(
                &file,
                gedhub_web::workbooks::MAX_WORKBOOK_BYTES as u64,
                "an instrument workbook",
            )?;
            let store = open(&database).await?;
            let operator = gedhub_app::Caller::operator("cli", gedhub_store::Timestamp::now());
            match gedhub_app::instruments::import_workbook(&store, &operator, bytes).await {
                Ok(ImportOutcome::Imported(instrument)) => {
                    eprintln!(
                        "Imported {} ({} sections, {} indicators).",
                        instrument.code,
                        instrument.sections.len(),
                        instrument.indicator_count()
                    );
                    Ok(())
                }
                Ok(ImportOutcome::Unreadable(error)) => {
                    bail!(
                        "{}: {}",
                        file.display(),
                        gedhub_web::workbooks::describe_table_error(
                            &error,
                            &gedhub_web::i18n::Locale::english()
                        )
                    )
                }
                Ok(ImportOutcome::Refused(problems)) => {
                    eprintln!("The workbook was refused; nothing was imported:");
                    for problem in &problems {
                        eprintln!(
                            "  sheet {:<10} row {:<5} column {:<14} {}{}",
                            problem.sheet,
                            problem
                                .row
                                .map(|r| r.to_string())
                                .unwrap_or_else(|| "-".into()),
                            problem.column.clone().unwrap_or_else(|| "-".into()),
                            problem.code,
                            problem
                                .value
                                .as_ref()
                                .map(|v| format!(" ({v})"))
                                .unwrap_or_default()
                        );
                    }
                    bail!("{} problem(s) in {}", problems.len(), file.display())
                }
                Err(error) => {
                    // Worded as before the use case moved out of the web crate.
                    let error = gedhub_web::error::AppError::from(error);
                    bail!("import failed: {error:?}")
                }
            }
        }
        Command::Instrument(InstrumentCommand::Export { database, code, to }) => {
            let store = open(&database).await?;
            let instrument = store.instrument(&code).await.map_err(describe)?;
            let bytes = gedhub_web::workbooks::write_xlsx(&gedhub_core::instrument::to_workbook(
                &instrument,
            ))?;
            std::fs::write(&to, bytes).with_context(|| format!("cannot write {}", to.display()))?;
            eprintln!("Exported {code} to {}.", to.display());
            Ok(())
        }
        Command::Workforce(WorkforceCommand::Report {
            input,
            year,
            format,
            min_group,
            skip_invalid,
            output,
        }) => workforce_report(
            &input,
            year,
            format,
            min_group,
            skip_invalid,
            output.as_deref(),
        ),
        Command::Token(TokenCommand::Create { database, email }) => {
            let email = Email::parse(&email).map_err(|e| anyhow::anyhow!("--email: {}", e.code))?;
            let store = open(&database).await?;
            let token = store
                .create_api_token(&cli_actor, &email)
                .await
                .map_err(describe)?;
            println!("{token}");
            Ok(())
        }
        Command::Backup { database, to } => {
            let store = open(&database).await?;
            let backup = store.backup().await?;
            let partial = to.with_extension("partial");
            std::fs::write(&partial, backup.to_bytes())
                .with_context(|| format!("cannot write {}", partial.display()))?;
            std::fs::rename(&partial, &to)
                .with_context(|| format!("cannot write {}", to.display()))?;
            eprintln!("Backup written to {}.", to.display());
            Ok(())
        }
        Command::Restore {
            database,
            from,
            replace,
        } => {
            let bytes = read_bounded(&from, MAX_BACKUP_BYTES, "a backup")?;
            let text = String::from_utf8(bytes)
                .with_context(|| format!("{} is not UTF-8 text", from.display()))?;
            let backup: gedhub_store::backup::BackupDocument = text.parse().map_err(describe)?;
            let store = open(&database).await?;
            if !replace && !store.users().await?.is_empty() {
                bail!(
                    "the database already has accounts; add --replace to overwrite it \
                     (take a backup first: gedhub backup --to FILE)"
                );
            }
            let rows = store.restore(&backup).await.map_err(describe)?;
            eprintln!("Restored {rows} rows from {}.", from.display());
            Ok(())
        }
    }
}

/// Largest backup file `gedhub restore` reads: the restore holds the whole
/// document in memory (it is applied in one transaction).
const MAX_BACKUP_BYTES: u64 = 1024 * 1024 * 1024;

/// Reads a file of at most `limit` bytes: the size is checked before reading
/// (a 1 GB file meant for another command is refused at once), and the read
/// stops past the limit whatever the file says of itself (a device, a file
/// that grows).
fn read_bounded(path: &std::path::Path, limit: u64, what: &str) -> Result<Vec<u8>> {
    use std::io::Read;
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let too_large = |size: u64| {
        anyhow::anyhow!(
            "{} is {} MB; {what} is at most {} MB",
            path.display(),
            size.div_ceil(1024 * 1024),
            limit / (1024 * 1024)
        )
    };
    let size = file
        .metadata()
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    if size > limit {
        return Err(too_large(size));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// `gedhub workforce report`: the same engine and presentation as the web
/// pages, in English.
fn workforce_report(
    input: &std::path::Path,
    year: i32,
    format: WorkforceFormat,
    min_group: u32,
    skip_invalid: bool,
    output: Option<&std::path::Path>,
) -> Result<()> {
    use gedhub_core::workforce::{ExtractError, ReportOptions};
    use gedhub_web::workforce::{compute, describe_error, describe_problem};
    if format == WorkforceFormat::Xlsx && output.is_none() {
        bail!("--format xlsx writes a workbook: give --output FILE.xlsx");
    }
    let bytes = read_bounded(
        input,
        gedhub_web::workforce::MAX_EXTRACT_BYTES as u64,
        "a workforce extract",
    )?;
    let options = ReportOptions {
        reference_year: year,
        min_group,
        skip_invalid,
    };
    let english = gedhub_web::i18n::Locale::english();
    let report = match compute(&bytes, &options) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("{}", describe_error(&error, &english));
            if let ExtractError::Rejected {
                problems,
                problem_count,
                ..
            } = &error
            {
                for problem in problems {
                    eprintln!(
                        "  line {:<8} {:<20} {} (value: {:?})",
                        problem.line,
                        problem.column,
                        describe_problem(problem, &english),
                        problem.value
                    );
                }
                if *problem_count > problems.len() as u64 {
                    eprintln!("  ... and {} more", *problem_count - problems.len() as u64);
                }
                eprintln!("Use --skip-invalid to compute on the valid rows.");
            }
            bail!("no report was computed");
        }
    };
    if report.rejected_rows > 0 {
        eprintln!("Rows left out as invalid: {}.", report.rejected_rows);
    }
    // The same disclosure control as the web, with the threshold asked for:
    // on a file its user owns, the command line may go below the floor, and
    // says so.
    let protected =
        gedhub_core::disclosure::workforce::ProtectedReport::protect_local(report, min_group);
    if protected.below_floor() {
        eprintln!(
            "Computed with a smallest group of {min_group}, below {}: for your own use only; \
             do not share or upload these figures.",
            gedhub_core::disclosure::MIN_WORKERS
        );
    }
    let content = match format {
        WorkforceFormat::Json => {
            let mut text = serde_json::to_string_pretty(protected.report())?;
            text.push('\n');
            text.into_bytes()
        }
        WorkforceFormat::Table => {
            text_tables(&gedhub_web::workforce::report_sheets(&protected, &english)).into_bytes()
        }
        WorkforceFormat::Xlsx => gedhub_web::workbooks::write_xlsx(
            &gedhub_web::workforce::report_sheets(&protected, &english),
        )?,
    };
    match output {
        Some(path) => std::fs::write(path, content)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::Write::write_all(&mut std::io::stdout().lock(), &content)?,
    }
    Ok(())
}

/// Sheets as aligned plain-text tables, numbers to one decimal.
fn text_tables(sheets: &[gedhub_core::instrument::Sheet]) -> String {
    let mut text = String::new();
    for sheet in sheets {
        let rows: Vec<Vec<String>> = sheet
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| match cell.parse::<f64>() {
                        Ok(number) if cell.contains('.') => format!("{number:.1}"),
                        _ => cell.clone(),
                    })
                    .collect()
            })
            .collect();
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|c| {
                rows.iter()
                    .filter_map(|r| r.get(c))
                    .map(|v| v.chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        text.push_str(&format!("{}\n", sheet.name));
        for row in &rows {
            let line: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(c, v)| format!("{v:<width$}", width = widths[c]))
                .collect();
            text.push_str(line.join("  ").trim_end());
            text.push('\n');
        }
        text.push('\n');
    }
    text
}

/// The public URL when none is configured: http:// and the listening
/// address, with `localhost` for an unspecified one (0.0.0.0, ::), so a
/// demo on another port issues credentials that resolve there.
fn default_public_url(addr: SocketAddr) -> String {
    if addr.ip().is_unspecified() {
        format!("http://localhost:{}", addr.port())
    } else {
        format!("http://{addr}")
    }
}

/// Store errors as a sentence for the terminal.
fn describe(error: gedhub_store::StoreError) -> anyhow::Error {
    match error {
        gedhub_store::StoreError::NotFound => anyhow::anyhow!("not found"),
        gedhub_store::StoreError::Conflict(code) => anyhow::anyhow!("refused: {code}"),
        gedhub_store::StoreError::Invalid(error) => {
            anyhow::anyhow!("{}: {}", error.field, error.code)
        }
        other => anyhow::Error::new(other),
    }
}

async fn serve(store: Store, args: &ServeArgs, demo: bool) -> Result<()> {
    let files = args.file_store()?;
    files
        .check()
        .await
        .map_err(describe)
        .context("the evidence file storage is not usable")?;
    let config = WebConfig {
        secure_cookies: args.secure_cookies,
        trust_proxy_headers: args.trust_proxy,
        files,
        public_url: args.public_url(),
        ..WebConfig::default()
    };
    let mailer = args.mailer()?;
    // The credential signing key exists from the first start on.
    store
        .ensure_credential_key()
        .await
        .map_err(describe)
        .context("cannot create the credential signing key")?;
    let state = AppState::new(store.clone(), config);
    if demo {
        gedhub_web::credentials::seed_demo(&state)
            .await
            .map_err(|error| anyhow::anyhow!("{error:?}"))
            .context("cannot issue the demo credentials")?;
    }
    eprintln!("e-mails: {}", mailer.describe());
    let jobs = gedhub_web::reminders::spawn(state.clone(), mailer);
    let app = gedhub_web::router(state);
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    let url = format!("http://{}", listener.local_addr()?);
    if demo {
        print_demo_banner(&url);
    } else {
        eprintln!("gedhub is serving at {url}");
    }
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    jobs.abort();
    store.close().await;
    Ok(())
}

fn print_demo_banner(url: &str) {
    println!("gedhub demo is running at {url}");
    println!();
    println!("Demo accounts (password for all: {DEMO_PASSWORD}):");
    for account in DEMO_ACCOUNTS {
        let administration = account
            .administration
            .map(|code| format!(", administration {code}"))
            .unwrap_or_default();
        println!("  {:<28} {}{}", account.email, account.role, administration);
    }
    println!();
    println!("Press Ctrl+C to stop.");
    if std::io::stdout().is_terminal() {
        println!();
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn the_public_url_follows_the_listening_address_unless_given() {
        use clap::Parser;
        let demo = |args: &[&str]| match Cli::try_parse_from(args).expect("parses").command {
            super::Command::Demo { server, .. } => server.public_url(),
            _ => unreachable!("a demo command"),
        };
        assert_eq!(
            demo(&["gedhub", "demo", "--addr", "127.0.0.1:8123"]),
            "http://127.0.0.1:8123"
        );
        assert_eq!(
            demo(&["gedhub", "demo", "--addr", "0.0.0.0:9000"]),
            "http://localhost:9000"
        );
        assert_eq!(
            demo(&["gedhub", "demo", "--addr", "[::1]:9000"]),
            "http://[::1]:9000"
        );
        assert_eq!(
            demo(&[
                "gedhub",
                "demo",
                "--addr",
                "127.0.0.1:8123",
                "--public-url",
                "https://gedhub.example.org/"
            ]),
            "https://gedhub.example.org"
        );
    }
}
