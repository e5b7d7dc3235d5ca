//! The guide's side of a check: the guide's Authelia block with the reader's values filled
//! in, and the client id in it. The page and the `authelia-check` command both build
//! [`Expected`](crate::configuration::Expected) from these, so a configuration checked on
//! the command line is checked against exactly what the page would check it against.
//!
//! The block's text comes from the guide engine's one resolver,
//! [`guide_engine::resolve_from`]: the page feeds it its live fields, [`filled_in`] a
//! [`Values`] map. The client id is read back from the block ([`client_id_of`]), as the
//! parser worker does for the page, so a guide that writes its client id without the
//! `client-id` variable is still checked for the right client.

use guide_engine::{Document, Values, resolve_all};
use guide_secrets::escape::WrittenFor;

/// The guide's Authelia configuration block ([`Document::authelia_block`]) with `values`
/// filled in, as the page shows it before the reader sets a secret: the guide's own
/// example digest, written for YAML (the file Authelia reads). `None` when the guide has
/// no such block.
pub fn filled_in(document: &Document, values: &Values) -> Option<String> {
    let block = document.authelia_block()?;
    let digest = WrittenFor::Yaml.in_block(document.default_digest());
    Some(resolve_all(block, values, &digest))
}

/// The reader's client id, as the guide's block holds it with the reader's values: the
/// value of its first `client_id` key, unquoted; empty when it has none.
pub fn client_id_of(guide_block: &str) -> String {
    guide_block
        .lines()
        .find_map(|line| {
            line.trim_start()
                .trim_start_matches("- ")
                .strip_prefix("client_id:")
        })
        .map(|value| value.trim().trim_matches(['\'', '"']).to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_to_check_is_the_first_the_block_names() {
        let block = "identity_providers:\n  oidc:\n    clients:\n      - client_id: 'my-app'\n        client_name: 'x'\n      - client_id: 'second'\n";
        assert_eq!(client_id_of(block), "my-app");
        assert_eq!(
            client_id_of("clients:\n  - client_id: \"quoted\"\n"),
            "quoted"
        );
        assert_eq!(client_id_of("no client here"), "");
    }

    #[test]
    fn a_guide_without_a_block_has_nothing_to_fill_in() {
        let document = guide_engine::parse("---\ntitle: t\n---\nJust words.\n");
        let document = document.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(filled_in(&document, &Values::for_document(&document)), None);
    }
}
