//! Outgoing e-mail: through a configured SMTP server, or, when none is configured, into an
//! outbox folder (one `.eml` file per message, announced in the log).
//!
//! The outbox lets a fresh installation, a demo or a test run every job that e-mails without an
//! SMTP server, while still showing exactly what would have been sent: both paths build the same
//! RFC 5322 message with lettre, and the outbox file holds the bytes SMTP would carry after
//! `DATA`. Open a `.eml` file in any mail client to read it.
//!
//! SMTP goes over rustls with the `ring` provider (the same TLS stack as the S3 client) and
//! checks server certificates against the system's trust store, so an organisation's own CA,
//! installed on the host, is honoured.

use std::fmt;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use tokio::io::AsyncWriteExt;

/// One message to send. Plain text, UTF-8.
#[derive(Debug, Clone)]
pub struct OutgoingEmail {
    /// The recipient's address, e.g. `focal.point@customs.example`.
    pub to: String,
    /// The recipient's display name; empty for none.
    pub to_name: String,
    pub subject: String,
    pub body: String,
}

/// How to reach the SMTP server, as the operator configured it.
#[derive(Debug, Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    /// Both or neither: a server that wants authentication gets both.
    pub username: Option<String>,
    pub password: Option<String>,
    pub tls: SmtpTls,
    /// The sender, `address` or `Display Name <address>`.
    pub from: String,
}

/// How the SMTP connection is encrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain text: only for a relay on the same host or a trusted network, since the password
    /// and the messages cross the wire in clear.
    None,
    /// Connect in clear, then upgrade with STARTTLS (usually port 587); refuses to go on if the
    /// server does not offer it, so a downgrade cannot strip the encryption.
    StartTls,
    /// TLS from the first byte (implicit TLS, usually port 465).
    Tls,
}

impl SmtpTls {
    /// Reads the configuration value: `none`, `starttls` or `tls` (any case).
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim().to_ascii_lowercase().as_str() {
            "none" => Some(Self::None),
            "starttls" => Some(Self::StartTls),
            "tls" => Some(Self::Tls),
            _ => None,
        }
    }

    /// The configuration spelling, the inverse of [`SmtpTls::parse`].
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::StartTls => "starttls",
            Self::Tls => "tls",
        }
    }
}

impl fmt::Display for SmtpTls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where messages go. Built once at start-up and shared (it is cheap to clone).
#[derive(Debug, Clone)]
pub enum Mailer {
    /// Boxed: the transport is several times the size of the outbox variant.
    Smtp(Box<SmtpMailer>),
    Outbox {
        folder: PathBuf,
        from: String,
    },
}

/// An SMTP transport with its parsed sender. Built by [`Mailer::smtp`].
#[derive(Clone)]
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    host: String,
    port: u16,
    tls: SmtpTls,
}

/// Written by hand so the log can never show the transport's internals (lettre already hides
/// the credentials; this keeps it so whatever lettre's own `Debug` becomes).
impl fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpMailer")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

/// Why a message could not be sent or the mailer could not be built.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid e-mail address \"{address}\": {reason}")]
    InvalidAddress { address: String, reason: String },
    #[error("invalid mail configuration: {0}")]
    Config(String),
    #[error("could not build the e-mail: {0}")]
    Message(#[from] lettre::error::Error),
    #[error("could not write the e-mail to {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("SMTP delivery failed: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
}

impl Mailer {
    /// A mailer that delivers through `config`'s server. Checks the sender address and the TLS
    /// set-up now, so a bad configuration stops the start-up rather than the first reminder run;
    /// it does not connect yet (each [`Mailer::send`] opens its own connection).
    pub fn smtp(config: SmtpConfig) -> Result<Self, MailError> {
        let from = parse_mailbox(&config.from)?;
        if config.host.trim().is_empty() {
            return Err(MailError::Config("the SMTP host is empty".to_owned()));
        }
        let tls = match config.tls {
            SmtpTls::None => Tls::None,
            SmtpTls::StartTls => Tls::Required(TlsParameters::new(config.host.clone())?),
            SmtpTls::Tls => Tls::Wrapper(TlsParameters::new(config.host.clone())?),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host)
            .port(config.port)
            .tls(tls);
        match (config.username, config.password) {
            (Some(username), Some(password)) => {
                builder = builder.credentials(Credentials::new(username, password));
            }
            (None, None) => {}
            (Some(_), None) => {
                return Err(MailError::Config(
                    "an SMTP username is set but no password".to_owned(),
                ));
            }
            (None, Some(_)) => {
                return Err(MailError::Config(
                    "an SMTP password is set but no username".to_owned(),
                ));
            }
        }
        Ok(Self::Smtp(Box::new(SmtpMailer {
            transport: builder.build(),
            from,
            host: config.host,
            port: config.port,
            tls: config.tls,
        })))
    }

    /// A mailer that writes each message into `folder` (created on the first send) instead of
    /// sending it. `from` is checked on each send, like the recipient, so building never fails.
    pub fn outbox(folder: impl Into<PathBuf>, from: &str) -> Self {
        Self::Outbox {
            folder: folder.into(),
            from: from.to_owned(),
        }
    }

    /// Sends (or writes) one message.
    ///
    /// Outbox: writes an RFC 5322 `.eml` file named
    /// `<UTC timestamp>-<8 hex digits>-<sanitized recipient>.eml` into the folder (created if
    /// missing), never overwriting a file, and logs the recipient, subject and file path.
    pub async fn send(&self, email: &OutgoingEmail) -> Result<(), MailError> {
        match self {
            Self::Smtp(smtp) => {
                let message = build_message(smtp.from.clone(), email)?;
                smtp.transport.send(message).await?;
                tracing::info!(
                    mail.to = %email.to,
                    mail.subject = %email.subject,
                    "e-mail to {} sent through {}:{}",
                    email.to,
                    smtp.host,
                    smtp.port
                );
                Ok(())
            }
            Self::Outbox { folder, from } => {
                let message = build_message(parse_mailbox(from)?, email)?;
                let path = write_to_outbox(folder, &email.to, &message.formatted()).await?;
                tracing::info!(
                    mail.to = %email.to,
                    mail.subject = %email.subject,
                    mail.path = %path.display(),
                    "no SMTP server configured: e-mail to {} (\"{}\") written to {}",
                    email.to,
                    email.subject,
                    path.display()
                );
                Ok(())
            }
        }
    }

    /// Where messages go, for the start-up log (never shows the credentials).
    pub fn describe(&self) -> String {
        match self {
            Self::Smtp(smtp) => format!("SMTP {}:{} ({})", smtp.host, smtp.port, smtp.tls),
            Self::Outbox { folder, .. } => format!("outbox folder {}", folder.display()),
        }
    }
}

/// Parses `address` or `Display Name <address>`.
fn parse_mailbox(value: &str) -> Result<Mailbox, MailError> {
    value
        .trim()
        .parse::<Mailbox>()
        .map_err(|error| MailError::InvalidAddress {
            address: value.to_owned(),
            reason: error.to_string(),
        })
}

/// The one message both paths send: plain UTF-8 text, lettre choosing the transfer encoding
/// (quoted-printable or base64 for non-ASCII text) and encoding non-ASCII headers. A
/// Message-ID is added because mail filters count its absence against a message.
fn build_message(from: Mailbox, email: &OutgoingEmail) -> Result<Message, MailError> {
    let address =
        email
            .to
            .trim()
            .parse::<Address>()
            .map_err(|error| MailError::InvalidAddress {
                address: email.to.clone(),
                reason: error.to_string(),
            })?;
    let name = email.to_name.trim();
    let to = Mailbox::new((!name.is_empty()).then(|| name.to_owned()), address);
    Ok(Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.as_str())
        .message_id(None)
        .header(ContentType::TEXT_PLAIN)
        .body(email.body.clone())?)
}

/// Gives each outbox file of this process its own number; the seed (process id, clock)
/// keeps two processes writing into the same folder apart too. Uniqueness is not relied on:
/// files are created with `create_new`, so a clash only costs a retry.
static OUTBOX_COUNTER: AtomicU32 = AtomicU32::new(0);

fn outbox_tag() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.subsec_nanos())
        .unwrap_or(0);
    let count = OUTBOX_COUNTER.fetch_add(1, Ordering::Relaxed);
    let tag = nanos ^ std::process::id().rotate_left(16) ^ count.wrapping_mul(0x9E37_79B9);
    format!("{tag:08x}")
}

/// The recipient as a file-name part: letters, digits, `.`, `-`, `_` and `@` kept, anything
/// else (path separators included) replaced, at most 64 characters.
fn sanitize_recipient(to: &str) -> String {
    let clean: String = to
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@') {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    if clean.is_empty() {
        "recipient".to_owned()
    } else {
        clean
    }
}

/// Writes `bytes` to a new file in `folder`, creating the folder if needed; returns its path.
async fn write_to_outbox(folder: &Path, to: &str, bytes: &[u8]) -> Result<PathBuf, MailError> {
    tokio::fs::create_dir_all(folder)
        .await
        .map_err(|source| MailError::Io {
            path: folder.to_owned(),
            source,
        })?;
    let recipient = sanitize_recipient(to);
    let mut attempts_left = 8;
    loop {
        let timestamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
        let path = folder.join(format!("{timestamp}-{}-{recipient}.eml", outbox_tag()));
        let opened = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .await;
        let mut file = match opened {
            Ok(file) => file,
            Err(error) if error.kind() == ErrorKind::AlreadyExists && attempts_left > 0 => {
                attempts_left -= 1;
                continue;
            }
            Err(source) => return Err(MailError::Io { path, source }),
        };
        // tokio's File hands writes to a blocking thread: flush so the file is complete (and
        // any error seen) before the send is reported done.
        let written = async {
            file.write_all(bytes).await?;
            file.flush().await
        }
        .await;
        return match written {
            Ok(()) => Ok(path),
            Err(source) => Err(MailError::Io { path, source }),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncBufReadExt, BufReader};
    use tokio::net::TcpListener;

    fn reminder(to: &str) -> OutgoingEmail {
        OutgoingEmail {
            to: to.to_owned(),
            to_name: "Élodie Dupré".to_owned(),
            subject: "Rappel : échéances".to_owned(),
            body: "Bonjour,\n\nRappel : échéances du plan d'action à venir.\n".to_owned(),
        }
    }

    /// Decodes a quoted-printable body (RFC 2045 §6.7), enough for what lettre writes.
    fn decode_quoted_printable(text: &str) -> Vec<u8> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'=' if bytes[i + 1..].starts_with(b"\r\n") => i += 3,
                b'=' if bytes[i + 1..].starts_with(b"\n") => i += 2,
                b'=' => {
                    let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("UTF-8");
                    out.push(u8::from_str_radix(hex, 16).expect("well-formed test message"));
                    i += 3;
                }
                byte => {
                    out.push(byte);
                    i += 1;
                }
            }
        }
        out
    }

    /// Decodes standard base64, ignoring line breaks.
    fn decode_base64(text: &str) -> Vec<u8> {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = Vec::new();
        let (mut buffer, mut bits) = (0u32, 0);
        for byte in text
            .bytes()
            .filter(|b| !b.is_ascii_whitespace() && *b != b'=')
        {
            let value = ALPHABET
                .iter()
                .position(|a| *a == byte)
                .expect("well-formed test message") as u32;
            buffer = (buffer << 6) | value;
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((buffer >> bits) as u8);
                buffer &= (1 << bits) - 1;
            }
        }
        out
    }

    /// Decodes the RFC 2047 encoded words of a header value (the `B` and `Q` forms).
    fn decode_header(value: &str) -> String {
        let mut out = String::new();
        // White space between two encoded words is dropped; elsewhere it is kept.
        let mut previous_encoded = false;
        for word in value.split_whitespace() {
            let encoded = word.strip_prefix("=?").and_then(|w| w.strip_suffix("?="));
            if !(out.is_empty() || previous_encoded && encoded.is_some()) {
                out.push(' ');
            }
            previous_encoded = encoded.is_some();
            let Some(inner) = encoded else {
                out.push_str(word);
                continue;
            };
            let mut parts = inner.splitn(3, '?');
            let (_charset, encoding, text) = (
                parts.next().expect("well-formed test message"),
                parts.next().expect("well-formed test message"),
                parts.next().expect("well-formed test message"),
            );
            let bytes = match encoding {
                "B" | "b" => decode_base64(text),
                _ => decode_quoted_printable(&text.replace('_', " ")),
            };
            out.push_str(&String::from_utf8(bytes).expect("UTF-8"));
        }
        out
    }

    /// Splits a message into its unfolded headers and its decoded body text.
    fn parse_eml(raw: &str) -> (Vec<(String, String)>, String) {
        let (head, body) = raw
            .split_once("\r\n\r\n")
            .expect("well-formed test message");
        let mut headers: Vec<(String, String)> = Vec::new();
        for line in head.split("\r\n") {
            if line.starts_with([' ', '\t']) {
                headers
                    .last_mut()
                    .expect("well-formed test message")
                    .1
                    .push_str(line);
            } else {
                let (name, value) = line.split_once(':').expect("well-formed test message");
                headers.push((name.to_owned(), value.trim().to_owned()));
            }
        }
        let encoding = headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("Content-Transfer-Encoding"))
            .map(|(_, value)| value.to_ascii_lowercase())
            .unwrap_or_default();
        let bytes = match encoding.as_str() {
            "quoted-printable" => decode_quoted_printable(body),
            "base64" => decode_base64(body),
            _ => body.as_bytes().to_vec(),
        };
        (
            headers,
            String::from_utf8(bytes)
                .expect("UTF-8")
                .replace("\r\n", "\n"),
        )
    }

    fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
            .unwrap_or_else(|| panic!("no {name} header"))
    }

    #[tokio::test]
    async fn outbox_writes_one_eml_file_per_message_with_utf8_round_tripping() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let folder = dir.path().join("outbox");
        let mailer = Mailer::outbox(&folder, "gedhub <noreply@gedhub.example>");
        assert_eq!(
            mailer.describe(),
            format!("outbox folder {}", folder.display())
        );

        let first = reminder("focal.point@customs.example");
        let second = reminder("focal.point@customs.example");
        mailer.send(&first).await.expect("sent");
        mailer.send(&second).await.expect("sent");

        let mut names: Vec<String> = std::fs::read_dir(&folder)
            .expect("well-formed test message")
            .map(|entry| {
                entry
                    .expect("the outbox folder")
                    .file_name()
                    .into_string()
                    .expect("the outbox folder")
            })
            .collect();
        names.sort();
        assert_eq!(names.len(), 2, "{names:?}");
        assert_ne!(names[0], names[1]);
        for name in &names {
            assert!(name.ends_with("-focal.point@customs.example.eml"), "{name}");
            let raw = std::fs::read_to_string(folder.join(name)).expect("the outbox folder");
            assert!(raw.is_ascii(), "lettre encodes non-ASCII text: {raw}");
            let (headers, body) = parse_eml(&raw);
            assert!(header(&headers, "To").contains("<focal.point@customs.example>"));
            assert_eq!(
                decode_header(
                    header(&headers, "To").trim_end_matches(" <focal.point@customs.example>")
                ),
                "Élodie Dupré"
            );
            assert_eq!(header(&headers, "From"), "gedhub <noreply@gedhub.example>");
            assert_eq!(
                decode_header(header(&headers, "Subject")),
                "Rappel : échéances"
            );
            assert!(header(&headers, "Content-Type").starts_with("text/plain"));
            assert!(!header(&headers, "Date").is_empty());
            assert!(header(&headers, "Message-ID").starts_with('<'));
            assert_eq!(body, first.body);
        }
    }

    #[test]
    fn outbox_file_names_keep_only_safe_characters() {
        assert_eq!(
            sanitize_recipient("../../etc/passwd@x.example"),
            ".._.._etc_passwd@x.example"
        );
        assert_eq!(sanitize_recipient("  "), "recipient");
        assert_eq!(sanitize_recipient(&"a".repeat(200)).len(), 64);
    }

    /// Plays a minimal SMTP server for one connection and returns what came after `DATA`.
    async fn fake_smtp_server(listener: TcpListener) -> (Vec<String>, String) {
        let (socket, _) = listener.accept().await.expect("a connection");
        let (read, mut write) = socket.into_split();
        let mut lines = BufReader::new(read).lines();
        write
            .write_all(b"220 fake.smtp.test ESMTP\r\n")
            .await
            .expect("well-formed test message");
        let mut commands = Vec::new();
        let mut data = String::new();
        while let Some(line) = lines.next_line().await.expect("the socket") {
            let verb = line
                .split([' ', ':'])
                .next()
                .unwrap_or_default()
                .to_ascii_uppercase();
            commands.push(line.clone());
            let reply: &[u8] = match verb.as_str() {
                "EHLO" | "HELO" => b"250 fake.smtp.test\r\n",
                "MAIL" | "RCPT" | "RSET" | "NOOP" => b"250 OK\r\n",
                "DATA" => {
                    write
                        .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                        .await
                        .expect("well-formed test message");
                    while let Some(line) = lines.next_line().await.expect("the socket") {
                        if line == "." {
                            break;
                        }
                        data.push_str(&line);
                        data.push('\n');
                    }
                    b"250 OK queued\r\n"
                }
                "QUIT" => {
                    write.write_all(b"221 Bye\r\n").await.expect("the socket");
                    break;
                }
                _ => b"502 Command not implemented\r\n",
            };
            write.write_all(reply).await.expect("the socket");
        }
        (commands, data)
    }

    #[tokio::test]
    async fn smtp_delivers_the_message_to_the_server() {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let port = listener.local_addr().expect("a loopback port").port();
        let server = tokio::spawn(fake_smtp_server(listener));

        let mailer = Mailer::smtp(SmtpConfig {
            host: "127.0.0.1".to_owned(),
            port,
            username: None,
            password: None,
            tls: SmtpTls::None,
            from: "gedhub <noreply@gedhub.example>".to_owned(),
        })
        .expect("well-formed test message");
        assert_eq!(mailer.describe(), format!("SMTP 127.0.0.1:{port} (none)"));
        let email = OutgoingEmail {
            subject: "Action plan reminder".to_owned(),
            ..reminder("focal.point@customs.example")
        };
        mailer.send(&email).await.expect("sent");

        let (commands, data) = server.await.expect("the fake server");
        assert!(
            commands
                .iter()
                .any(|c| c.starts_with("MAIL FROM:<noreply@gedhub.example>")),
            "{commands:?}"
        );
        assert!(
            commands
                .iter()
                .any(|c| c.starts_with("RCPT TO:<focal.point@customs.example>")),
            "{commands:?}"
        );
        assert!(data.contains("Subject: Action plan reminder"), "{data}");
        assert!(data.contains("<focal.point@customs.example>"), "{data}");
        // lettre always ends DATA with `\r\n.\r\n`, so the server sees one more line break.
        let (_, body) = parse_eml(&data.replace('\n', "\r\n"));
        assert_eq!(body.trim_end(), email.body.trim_end());
    }

    #[tokio::test]
    async fn smtp_refusal_is_an_error() {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let port = listener.local_addr().expect("a loopback port").port();
        drop(listener);
        let mailer = Mailer::smtp(SmtpConfig {
            host: "127.0.0.1".to_owned(),
            port,
            username: None,
            password: None,
            tls: SmtpTls::None,
            from: "noreply@gedhub.example".to_owned(),
        })
        .expect("well-formed test message");
        let error = mailer
            .send(&reminder("focal.point@customs.example"))
            .await
            .unwrap_err();
        assert!(matches!(error, MailError::Smtp(_)), "{error:?}");
        assert!(error.to_string().starts_with("SMTP delivery failed"));
    }

    #[tokio::test]
    async fn an_invalid_recipient_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mailer = Mailer::outbox(dir.path(), "noreply@gedhub.example");
        for bad in ["", "not an address", "a@", "two@x.example, three@y.example"] {
            let error = mailer.send(&reminder(bad)).await.unwrap_err();
            assert!(
                matches!(&error, MailError::InvalidAddress { address, .. } if address == bad),
                "{bad}: {error:?}"
            );
            assert!(error.to_string().starts_with("invalid e-mail address"));
        }
        assert_eq!(
            std::fs::read_dir(dir.path())
                .expect("the outbox folder")
                .count(),
            0
        );

        let bad_sender = Mailer::outbox(dir.path(), "nobody");
        assert!(matches!(
            bad_sender.send(&reminder("a@b.example")).await,
            Err(MailError::InvalidAddress { .. })
        ));
    }

    #[test]
    fn smtp_configuration_is_checked_when_built() {
        let config = SmtpConfig {
            host: "smtp.example.org".to_owned(),
            port: 587,
            username: Some("gedhub".to_owned()),
            password: Some("secret".to_owned()),
            tls: SmtpTls::StartTls,
            from: "noreply@gedhub.example".to_owned(),
        };
        let mailer = Mailer::smtp(config.clone()).expect("well-formed test message");
        assert_eq!(mailer.describe(), "SMTP smtp.example.org:587 (starttls)");
        assert!(!format!("{mailer:?}").contains("secret"));

        let tls = Mailer::smtp(SmtpConfig {
            tls: SmtpTls::Tls,
            port: 465,
            ..config.clone()
        })
        .expect("well-formed test message");
        assert_eq!(tls.describe(), "SMTP smtp.example.org:465 (tls)");

        assert!(matches!(
            Mailer::smtp(SmtpConfig {
                from: "not an address".to_owned(),
                ..config.clone()
            }),
            Err(MailError::InvalidAddress { .. })
        ));
        assert!(matches!(
            Mailer::smtp(SmtpConfig {
                password: None,
                ..config.clone()
            }),
            Err(MailError::Config(_))
        ));
        assert!(matches!(
            Mailer::smtp(SmtpConfig {
                host: " ".to_owned(),
                ..config
            }),
            Err(MailError::Config(_))
        ));
    }

    #[test]
    fn smtp_tls_parses_the_three_configuration_values() {
        assert_eq!(SmtpTls::parse("none"), Some(SmtpTls::None));
        assert_eq!(SmtpTls::parse("starttls"), Some(SmtpTls::StartTls));
        assert_eq!(SmtpTls::parse("tls"), Some(SmtpTls::Tls));
        assert_eq!(SmtpTls::parse(" STARTTLS "), Some(SmtpTls::StartTls));
        assert_eq!(SmtpTls::parse("ssl"), None);
        assert_eq!(SmtpTls::parse(""), None);
        for tls in [SmtpTls::None, SmtpTls::StartTls, SmtpTls::Tls] {
            assert_eq!(SmtpTls::parse(tls.as_str()), Some(tls));
        }
    }
}
