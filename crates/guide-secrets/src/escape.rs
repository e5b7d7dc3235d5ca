//! A digest made ready for the file it is pasted into.
//!
//! Digests are full of `$`, which some files expand as variables: Docker Compose turns
//! `$pbkdf2` into the value of the variable `pbkdf2` (usually nothing) and shells or
//! `.env` loaders can do the same. Each function renders a value so that the program
//! reading the file sees exactly the digest.

/// For a YAML file (Authelia's `configuration.yml`): single-quoted, so that YAML reads
/// the text literally (no escapes, `$` and `\` kept); a `'` inside is written `''`.
pub fn yaml_single_quoted(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// For a value inside a Docker Compose file (`compose.yaml`): every `$` doubled, since
/// Compose interpolates `$VAR` even inside YAML quotes. The result is then single-quoted
/// YAML, so the YAML layer reads it literally too.
pub fn docker_compose(value: &str) -> String {
    yaml_single_quoted(&value.replace('$', "$$"))
}

/// For a `.env` file line `NAME=…`: single quotes, which Docker Compose's `.env` reader,
/// systemd-style loaders and POSIX shells all treat as literal (no `$` expansion). A `'`
/// cannot appear inside single quotes, so it is closed, escaped and reopened: `'\''` —
/// the shell's rule. No digest contains `'`; only plaintext secrets might.
pub fn dotenv(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

/// The kind of file a digest is pasted into, as the reader picks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum WrittenFor {
    /// Authelia's `configuration.yml`: a single-quoted YAML string (the guides' form).
    #[default]
    Yaml,
    /// A Docker Compose file, where `$` must be written `$$`.
    Compose,
    /// A `.env` file, single-quoted so `$` is not expanded.
    DotEnv,
}

impl WrittenFor {
    /// Every choice, in the order a `<select>` lists them.
    pub const ALL: [WrittenFor; 3] = [WrittenFor::Yaml, WrittenFor::Compose, WrittenFor::DotEnv];

    /// A stable identifier for `<option value>`.
    pub const fn id(self) -> &'static str {
        match self {
            Self::Yaml => "yaml",
            Self::Compose => "compose",
            Self::DotEnv => "dotenv",
        }
    }

    /// The label the reader sees.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Yaml => "YAML (configuration.yml)",
            Self::Compose => "Docker Compose file",
            Self::DotEnv => ".env file",
        }
    }

    /// The choice whose [`id`](WrittenFor::id) is `id`; YAML for anything else.
    pub fn from_id(id: &str) -> WrittenFor {
        Self::ALL
            .into_iter()
            .find(|w| w.id() == id)
            .unwrap_or_default()
    }

    /// The digest as it stands inside a guide's configuration block, whose value is
    /// already single-quoted there: a `'` inside is written `''`, as YAML reads it (only
    /// a `$plaintext$` digest of a secret the reader typed can hold one), and Compose
    /// also doubles every `$`.
    pub fn in_block(self, digest: &str) -> String {
        let inside = digest.replace('\'', "''");
        match self {
            Self::Compose => inside.replace('$', "$$"),
            Self::Yaml | Self::DotEnv => inside,
        }
    }

    /// The complete value, quotes included, ready to paste.
    pub fn value(self, digest: &str) -> String {
        match self {
            Self::Yaml => yaml_single_quoted(digest),
            Self::Compose => docker_compose(digest),
            Self::DotEnv => dotenv(digest),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIGEST: &str = "$pbkdf2-sha512$310000$c8p78n7pUMln0jzvd4aK4Q$JNRBzwAo";

    #[test]
    fn yaml_single_quoted_wraps_and_doubles_quotes() {
        assert_eq!(yaml_single_quoted(DIGEST), format!("'{DIGEST}'"));
        assert_eq!(yaml_single_quoted("it's"), "'it''s'");
    }

    #[test]
    fn docker_compose_doubles_every_dollar() {
        assert_eq!(
            docker_compose(DIGEST),
            "'$$pbkdf2-sha512$$310000$$c8p78n7pUMln0jzvd4aK4Q$$JNRBzwAo'"
        );
    }

    #[test]
    fn dotenv_uses_single_quotes_so_dollars_stay_literal() {
        assert_eq!(dotenv(DIGEST), format!("'{DIGEST}'"));
        assert_eq!(dotenv("a'b"), r"'a'\''b'");
    }

    #[test]
    fn each_file_kind_gets_the_digest_in_its_own_quoting() {
        assert_eq!(WrittenFor::Compose.in_block("$a$b"), "$$a$$b");
        assert_eq!(WrittenFor::Yaml.in_block("$a$b"), "$a$b");
        // Inside the block's single quotes, as YAML reads them.
        assert_eq!(
            WrittenFor::Yaml.in_block("$plaintext$it's"),
            "$plaintext$it''s"
        );
        assert_eq!(
            WrittenFor::Compose.in_block("$plaintext$it's"),
            "$$plaintext$$it''s"
        );
        for kind in WrittenFor::ALL {
            assert_eq!(WrittenFor::from_id(kind.id()), kind);
        }
        assert_eq!(WrittenFor::DotEnv.value("$a"), "'$a'");
    }

    #[test]
    fn docker_compose_rendering_is_undone_by_parse_hint() {
        // What a reader pastes back from a compose file is recognised and explained.
        let pasted = docker_compose(DIGEST);
        let inner = &pasted[1..pasted.len() - 1];
        assert_eq!(crate::parse(inner), Err(crate::ParseError::DoubledDollars));
    }
}
