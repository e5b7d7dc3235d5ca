//! The guide and the reader's values, as both subcommands need them: the guide read
//! (bounded by [`MAX_GUIDE_BYTES`]) and parsed, the `--value`s held to its variables, and
//! what the page would derive from them: the Authelia block filled in and the client id
//! in it ([`guide_block`]), Authelia's address and the application's
//! ([`guide_engine::authelia_url`], [`guide_engine::live_default`]).

use std::io::Read;

use guide_engine::variables::APPLICATION_URL;
use guide_engine::{Document, MAX_GUIDE_BYTES, Values};

use super::args::Input;
use super::input::read_bounded;
use super::values;
use crate::guide_block;

/// A guide with the reader's values.
#[derive(Debug)]
pub struct Guide {
    /// The parsed guide.
    pub document: Document,
    /// Its values, the reader's set.
    pub values: Values,
    /// Its Authelia block with the values filled in, as the page checks against it;
    /// `None` when the guide has none.
    pub block: Option<String>,
}

impl Guide {
    /// Reads and parses the guide, and holds `given` to its variables.
    ///
    /// # Errors
    /// A message for standard error: the guide cannot be read or is too large, does not
    /// parse, or refuses one of the values.
    pub fn read(
        input: &Input,
        given: &[(String, String)],
        stdin: &mut dyn Read,
    ) -> Result<Guide, String> {
        let source = read_bounded(input, "guide", MAX_GUIDE_BYTES, "MAX_GUIDE_BYTES", stdin)?;
        let document = guide_engine::parse(&source)
            .map_err(|e| format!("{}: the guide does not parse: {e}.", input.name()))?;
        let values = values::for_guide(&document, given)?;
        let block = guide_block::filled_in(&document, &values);
        Ok(Guide {
            document,
            values,
            block,
        })
    }

    /// The client id the page looks for: the one in the filled-in block, or `""`.
    pub fn client_id(&self) -> String {
        self.block
            .as_deref()
            .map(guide_block::client_id_of)
            .unwrap_or_default()
    }

    /// Whether the reader gave their `domain`, as the page asks before it sends Authelia's
    /// address to its checker: until then every address is on the guide's example domain
    /// (Authelia's subdomain alone leaves it so), which matches no cookie of a real
    /// configuration and is not one to tell the reader to set.
    pub fn domain_given(&self) -> bool {
        self.values.is_set("domain")
    }

    /// Authelia's address for the values, as the page's variables panel shows it, once
    /// [`Guide::domain_given`]; `None` before.
    pub fn authelia_url(&self) -> Option<String> {
        self.domain_given()
            .then(|| guide_engine::authelia_url(&|v| self.values.present(v)))
    }

    /// The application's address as the page shows it: the reader's once set, else what
    /// the guide wrote with the reader's other values once they set `domain`, which it is
    /// built on (Authelia's subdomain alone leaves it the guide's example); `""` when the
    /// guide has none, or the reader gave neither.
    pub fn application_url(&self) -> String {
        if self.document.variable(APPLICATION_URL).is_none() {
            return String::new();
        }
        if self.values.is_set(APPLICATION_URL) {
            return self.values.get(APPLICATION_URL).into_owned();
        }
        if !self.domain_given() {
            return String::new();
        }
        guide_engine::live_default(&self.document, APPLICATION_URL, &|v| self.values.present(v))
            .unwrap_or_else(|| self.values.get(APPLICATION_URL).into_owned())
    }
}
