//! Where the database is: `--database-url`, else `DATABASE_URL` (environment or `.env`),
//! else a SQLite file in the XDG data directory.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    /// The full `mysql://` URL, handed to the driver as is.
    Mysql(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("DATABASE_URL is empty")]
    Empty,
    #[error(
        "unsupported database URL scheme {0:?}: use mysql://user:pass@host/db or a SQLite path"
    )]
    Scheme(String),
    #[error("the MySQL URL has no database name: mysql://user:pass@host:3306/DBNAME")]
    NoDatabase,
    #[error(
        "the MySQL URL names an empty host in its list {0:?}: \
         mysql://user:pass@host1:3311,host2:3312/db"
    )]
    EmptyHost(String),
    #[error("the MySQL database name {0:?} may use only letters, digits, '_' and '$'")]
    DatabaseName(String),
    #[error("no home directory to keep the default database in; set DATABASE_URL")]
    NoDataDir,
    #[error("cannot create the data directory {path}: {reason}")]
    DataDir { path: String, reason: String },
    #[error(
        "cannot use {database}: the directory {directory} does not exist \
         (create it first, or correct the path)"
    )]
    NoDirectory { database: String, directory: String },
    #[error("cannot use {database}: {path} is not a directory")]
    NotADirectory { database: String, path: String },
}

impl DatabaseUrl {
    /// # Errors
    /// An unknown scheme or a MySQL URL without a usable database name.
    pub fn parse(raw: &str) -> Result<Self, ConfigError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(ConfigError::Empty);
        }
        if raw.starts_with("mysql://") || raw.starts_with("mariadb://") {
            let url = raw.replacen("mariadb://", "mysql://", 1);
            let (_, name) = split_mysql_database(&url).ok_or(ConfigError::NoDatabase)?;
            if !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
            {
                return Err(ConfigError::DatabaseName(name));
            }
            if let Some((_, hosts, _)) = mysql_parts(&url)
                && hosts.contains(',')
                && hosts.split(',').any(|h| h.trim().is_empty())
            {
                return Err(ConfigError::EmptyHost(hosts.to_owned()));
            }
            return Ok(DatabaseUrl::Mysql(url));
        }
        if let Some(path) = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
        {
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(path)));
        }
        if let Some((scheme, _)) = raw.split_once("://") {
            return Err(ConfigError::Scheme(scheme.to_owned()));
        }
        Ok(DatabaseUrl::Sqlite(PathBuf::from(raw)))
    }

    /// `--database-url`, else `DATABASE_URL` (a `.env` file is read first), else the default
    /// file. The default data directory is created when missing; the directory of a SQLite
    /// path the operator gave must exist, so that a mistyped path is refused instead of
    /// becoming a new, empty database.
    ///
    /// # Errors
    /// See [`DatabaseUrl::parse`], [`default_sqlite_path`] and [`check_sqlite_directory`];
    /// [`ConfigError::DataDir`] when the data directory cannot be created.
    pub fn resolve(flag: Option<&str>) -> Result<Self, ConfigError> {
        // A missing .env is normal; a malformed one is ignored like a missing one.
        let _ = dotenvy::dotenv();
        if let Some(raw) = flag
            .map(str::to_owned)
            .or_else(|| std::env::var("DATABASE_URL").ok())
        {
            let url = Self::parse(&raw)?;
            if let DatabaseUrl::Sqlite(path) = &url {
                check_sqlite_directory(path)?;
            }
            return Ok(url);
        }
        let path = default_sqlite_path()?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| ConfigError::DataDir {
                path: dir.display().to_string(),
                reason: e.to_string(),
            })?;
        }
        Ok(DatabaseUrl::Sqlite(path))
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseUrl::Sqlite(p) => write!(f, "sqlite://{}", p.display()),
            DatabaseUrl::Mysql(u) => f.write_str(&redact(u)),
        }
    }
}

/// Refuses a SQLite path whose directory does not exist, or runs through a file.
///
/// # Errors
/// [`ConfigError::NotADirectory`] naming the file in the way, else
/// [`ConfigError::NoDirectory`].
pub fn check_sqlite_directory(path: &Path) -> Result<(), ConfigError> {
    let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return Ok(());
    };
    if dir.is_dir() {
        return Ok(());
    }
    let database = path.display().to_string();
    // The nearest part of the path that exists says which mistake it is.
    match dir.ancestors().find(|a| a.exists()) {
        Some(file) if !file.is_dir() => Err(ConfigError::NotADirectory {
            database,
            path: file.display().to_string(),
        }),
        _ => Err(ConfigError::NoDirectory {
            database,
            directory: dir.display().to_string(),
        }),
    }
}

/// `$XDG_DATA_HOME/lms/lms.db` (or the platform's equivalent).
///
/// # Errors
/// When there is no home directory.
pub fn default_sqlite_path() -> Result<PathBuf, ConfigError> {
    Ok(data_dir()?.join("lms.db"))
}

/// The directory lms keeps its data in (the default database).
///
/// # Errors
/// When there is no home directory.
pub fn data_dir() -> Result<PathBuf, ConfigError> {
    directories::ProjectDirs::from("", "", "lms")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or(ConfigError::NoDataDir)
}

/// The directory of lms's log: `$XDG_STATE_HOME/lms` (`~/.local/state/lms`) where the
/// platform has a state directory, else the data directory.
///
/// # Errors
/// When there is no home directory.
pub fn log_dir() -> Result<PathBuf, ConfigError> {
    let dirs = directories::ProjectDirs::from("", "", "lms").ok_or(ConfigError::NoDataDir)?;
    Ok(dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_dir())
        .to_path_buf())
}

/// The server part and the database name of a MySQL URL.
#[must_use]
pub fn split_mysql_database(url: &str) -> Option<(String, String)> {
    let rest = url.strip_prefix("mysql://")?;
    let (before_query, query) = match rest.split_once('?') {
        Some((a, q)) => (a, Some(q)),
        None => (rest, None),
    };
    let (server, name) = before_query.rsplit_once('/')?;
    if name.is_empty() || server.is_empty() {
        return None;
    }
    let server = match query {
        Some(q) => format!("mysql://{server}/?{q}"),
        None => format!("mysql://{server}"),
    };
    Some((server, name.to_owned()))
}

/// One `mysql://` URL per host that `url` names, in order: a cluster's nodes are given as
/// `mysql://user:pass@host1:3311,host2:3312/db`. A single host gives `url` itself.
#[must_use]
pub fn mysql_hosts(url: &str) -> Vec<String> {
    match mysql_parts(url) {
        Some((creds, hosts, tail)) if hosts.contains(',') => hosts
            .split(',')
            .map(|host| format!("mysql://{creds}{}{tail}", host.trim()))
            .collect(),
        _ => vec![url.to_owned()],
    }
}

/// The `host:port` a single-host MySQL URL connects to, for messages.
#[must_use]
pub fn mysql_host(url: &str) -> &str {
    mysql_parts(url).map_or(url, |(_, hosts, _)| hosts)
}

/// A MySQL URL as `(user:pass@, hosts, /db?query)`; the credentials end at the last `@`
/// before the database name, so a password holding `,` is left whole.
fn mysql_parts(url: &str) -> Option<(&str, &str, &str)> {
    let rest = url.strip_prefix("mysql://")?;
    let query = rest.find('?').unwrap_or(rest.len());
    let slash = rest.get(..query)?.rfind('/')?;
    let (server, tail) = rest.split_at(slash);
    Some(match server.rfind('@') {
        Some(at) => (server.get(..=at)?, server.get(at + 1..)?, tail),
        None => ("", server, tail),
    })
}

/// The MySQL URL `url` with its database name replaced by `name` (query kept).
#[must_use]
pub fn with_mysql_database(url: &str, name: &str) -> Option<String> {
    let rest = url.strip_prefix("mysql://")?;
    let (before_query, query) = match rest.split_once('?') {
        Some((a, q)) => (a, Some(q)),
        None => (rest, None),
    };
    let (server, _) = before_query.rsplit_once('/')?;
    Some(match query {
        Some(q) => format!("mysql://{server}/{name}?{q}"),
        None => format!("mysql://{server}/{name}"),
    })
}

/// The URL with any password replaced, fit for messages and logs.
#[must_use]
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((creds, host)) => {
            let user = creds.split_once(':').map_or(creds, |(u, _)| u);
            format!("{scheme}://{user}:***@{host}")
        }
        None => url.to_owned(),
    }
}

/// Whether `path` is a SQLite file that does not exist yet.
#[must_use]
pub fn is_new_sqlite(url: &DatabaseUrl) -> bool {
    matches!(url, DatabaseUrl::Sqlite(p) if !Path::new(p).exists())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_url_forms() {
        assert_eq!(
            DatabaseUrl::parse("mysql://root@127.0.0.1:3306/lms").unwrap(),
            DatabaseUrl::Mysql("mysql://root@127.0.0.1:3306/lms".into())
        );
        assert_eq!(
            DatabaseUrl::parse("mariadb://u:p@h/db").unwrap(),
            DatabaseUrl::Mysql("mysql://u:p@h/db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///tmp/x.db").unwrap(),
            DatabaseUrl::Sqlite("/tmp/x.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("lms.db").unwrap(),
            DatabaseUrl::Sqlite("lms.db".into())
        );
    }

    #[test]
    fn refuses_bad_urls_clearly() {
        assert_eq!(DatabaseUrl::parse("  "), Err(ConfigError::Empty));
        assert_eq!(
            DatabaseUrl::parse("postgres://x/y"),
            Err(ConfigError::Scheme("postgres".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("mysql://root@host"),
            Err(ConfigError::NoDatabase)
        );
        assert_eq!(
            DatabaseUrl::parse("mysql://root@host/"),
            Err(ConfigError::NoDatabase)
        );
        assert!(matches!(
            DatabaseUrl::parse("mysql://root@host/a`b"),
            Err(ConfigError::DatabaseName(_))
        ));
    }

    #[test]
    fn splits_a_host_list_into_one_url_per_host() {
        assert_eq!(
            mysql_hosts("mysql://u:p,w@h1:3311, h2:3312,h3/lms?ssl_mode=disabled"),
            [
                "mysql://u:p,w@h1:3311/lms?ssl_mode=disabled",
                "mysql://u:p,w@h2:3312/lms?ssl_mode=disabled",
                "mysql://u:p,w@h3/lms?ssl_mode=disabled",
            ]
        );
        assert_eq!(mysql_hosts("mysql://h:1/lms"), ["mysql://h:1/lms"]);
        assert_eq!(mysql_host("mysql://u:p@h2:3312/lms"), "h2:3312");
        assert!(DatabaseUrl::parse("mysql://u@h1:3311,h2:3312/lms").is_ok());
        for bad in [
            "mysql://u@h1:3311,/lms",
            "mysql://u@,h2/lms",
            "mysql://h1,,h2/lms",
        ] {
            assert!(
                matches!(DatabaseUrl::parse(bad), Err(ConfigError::EmptyHost(_))),
                "{bad}"
            );
        }
        assert_eq!(
            DatabaseUrl::parse("mysql://u@h1,/lms").map_err(|e| e.to_string()),
            Err("the MySQL URL names an empty host in its list \"h1,\": \
                 mysql://user:pass@host1:3311,host2:3312/db"
                .to_owned())
        );
    }

    #[test]
    fn replaces_the_mysql_database() {
        assert_eq!(
            with_mysql_database("mysql://u:p@h:3306/lms?ssl_mode=required", "x").as_deref(),
            Some("mysql://u:p@h:3306/x?ssl_mode=required")
        );
        assert_eq!(
            with_mysql_database("mysql://h/lms", "x").as_deref(),
            Some("mysql://h/x")
        );
        assert_eq!(with_mysql_database("sqlite://a", "x"), None);
    }

    #[test]
    fn redacts_and_splits() {
        assert_eq!(
            redact("mysql://bob:secret@db:3306/lms"),
            "mysql://bob:***@db:3306/lms"
        );
        assert_eq!(redact("mysql://db/lms"), "mysql://db/lms");
        assert_eq!(
            split_mysql_database("mysql://root@127.0.0.1:3306/lms?ssl_mode=disabled"),
            Some((
                "mysql://root@127.0.0.1:3306/?ssl_mode=disabled".into(),
                "lms".into()
            ))
        );
    }
}
