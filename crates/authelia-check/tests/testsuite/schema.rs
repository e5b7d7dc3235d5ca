//! The checker's facts against Authelia's own JSON schema of `configuration.yml`: the
//! v4.39 release's, kept in tests/fixtures/authelia-schema/ (its README says where it came
//! from). Every key and allowed value the checker knows for `identity_providers.oidc`, its
//! `clients[]` and its `jwks[]` must be exactly the schema's, so that a new release's
//! schema, dropped in place of the fixture, names at once what the checker must learn or
//! forget. A failure lists each difference, on either side.

use std::collections::BTreeSet;

use authelia_check::configuration::authelia::{
    AUTH_METHODS, CLIENT_BOOLEAN_KEYS, CLIENT_KEYS, CLIENT_LIST_KEYS, CLIENT_LIST_OR_TEXT_KEYS,
    CLIENT_RENAMED, DEFAULT_AUTH_METHOD_CONFIDENTIAL, DEFAULT_GRANT_TYPES, DEFAULT_RESPONSE_TYPES,
    DEFAULT_SCOPES, GRANT_TYPES, JWK_KEYS, MAX_KEY_ID_CHARS, PKCE_METHODS, PROVIDER_KEYS,
    PROVIDER_RENAMED, RESPONSE_MODES, RESPONSE_TYPES,
};
use serde_json::Value;

/// Authelia v4.39's schema, read at test time from the repository's fixtures.
fn schema() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/authelia-schema/v4.39/configuration.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The schema's definition at a `$ref` such as `#/$defs/IdentityProviders`.
fn definition<'a>(schema: &'a Value, reference: &str) -> &'a Value {
    let pointer = reference
        .strip_prefix('#')
        .unwrap_or_else(|| panic!("{reference} is not a local reference"));
    schema
        .pointer(pointer)
        .unwrap_or_else(|| panic!("the schema has no {reference}"))
}

/// `node` itself, or the definition it names by `$ref`.
fn followed<'a>(schema: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => definition(schema, reference),
        None => node,
    }
}

/// The schema of `configuration.yml` along a path of keys from its root; `[]` steps into
/// a list's items. The path is walked through the schema's own `$ref`s, so a renamed
/// definition cannot leave the test reading a stale one.
fn at<'a>(schema: &'a Value, path: &[&str]) -> &'a Value {
    let root = schema
        .get("$ref")
        .and_then(Value::as_str)
        .map_or(schema, |reference| definition(schema, reference));
    path.iter().fold(root, |node, step| {
        let next = if *step == "[]" {
            node.get("items")
        } else {
            node.get("properties").and_then(|p| p.get(*step))
        };
        let next = next.unwrap_or_else(|| panic!("the schema has no `{step}` along {path:?}"));
        followed(schema, next)
    })
}

const CLIENT: &[&str] = &["identity_providers", "oidc", "clients", "[]"];
const PROVIDER: &[&str] = &["identity_providers", "oidc"];
const JWK: &[&str] = &["identity_providers", "oidc", "jwks", "[]"];

/// The names of a mapping's properties in the schema.
fn keys(node: &Value) -> BTreeSet<String> {
    node.get("properties")
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("no properties in {node}"))
        .keys()
        .cloned()
        .collect()
}

/// A property's schema.
fn property<'a>(schema: &'a Value, node: &'a Value, name: &str) -> &'a Value {
    let property = node
        .get("properties")
        .and_then(|p| p.get(name))
        .unwrap_or_else(|| panic!("the schema has no `{name}`"));
    followed(schema, property)
}

/// The values a text property may take (`enum`).
fn values(node: &Value) -> BTreeSet<String> {
    node.get("enum")
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("no enum in {node}"))
        .iter()
        .map(|v| {
            v.as_str()
                .unwrap_or_else(|| panic!("{v} is not text"))
                .to_owned()
        })
        .collect()
}

/// The values a list property's items may take (`items.enum`).
fn item_values(node: &Value) -> BTreeSet<String> {
    values(
        node.get("items")
            .unwrap_or_else(|| panic!("no items in {node}")),
    )
}

/// Fails naming every difference between what the checker knows and what the schema
/// says, on either side.
fn assert_same(what: &str, checker: &[&str], schema: &BTreeSet<String>) {
    let checker: BTreeSet<String> = checker.iter().map(|s| (*s).to_owned()).collect();
    let only_schema: Vec<&String> = schema.difference(&checker).collect();
    let only_checker: Vec<&String> = checker.difference(schema).collect();
    assert!(
        only_schema.is_empty() && only_checker.is_empty(),
        "{what}: the schema has {only_schema:?} that the checker lacks; the checker has \
         {only_checker:?} that the schema lacks"
    );
}

/// The client properties whose schema is a `type` of this name.
fn client_keys_of_type(schema: &Value, kind: &str) -> BTreeSet<String> {
    let client = at(schema, CLIENT);
    keys(client)
        .into_iter()
        .filter(|k| {
            property(schema, client, k)
                .get("type")
                .and_then(Value::as_str)
                == Some(kind)
        })
        .collect()
}

#[test]
fn the_client_keys_are_exactly_the_schema_s() {
    let schema = schema();
    assert_same(
        "identity_providers.oidc.clients[] keys",
        CLIENT_KEYS,
        &keys(at(&schema, CLIENT)),
    );
}

#[test]
fn the_grant_types_are_exactly_the_schema_s() {
    let schema = schema();
    let client = at(&schema, CLIENT);
    assert_same(
        "grant_types",
        GRANT_TYPES,
        &item_values(property(&schema, client, "grant_types")),
    );
}

#[test]
fn the_response_types_are_exactly_the_schema_s() {
    let schema = schema();
    let client = at(&schema, CLIENT);
    assert_same(
        "response_types",
        RESPONSE_TYPES,
        &item_values(property(&schema, client, "response_types")),
    );
}

#[test]
fn the_response_modes_are_exactly_the_schema_s() {
    let schema = schema();
    let client = at(&schema, CLIENT);
    assert_same(
        "response_modes",
        RESPONSE_MODES,
        &item_values(property(&schema, client, "response_modes")),
    );
}

#[test]
fn the_token_endpoint_auth_methods_are_the_schema_s_and_its_empty_value_is_the_default() {
    let schema = schema();
    let client = at(&schema, CLIENT);
    let method = property(&schema, client, "token_endpoint_auth_method");
    let mut allowed = values(method);
    // The schema allows '' for "not set": the checker reads an empty method as unset
    // and applies the default (client.rs), so '' is no method of its list.
    assert!(
        allowed.remove(""),
        "the schema no longer allows an empty method: {allowed:?}"
    );
    assert_same("token_endpoint_auth_method", AUTH_METHODS, &allowed);
    assert_eq!(
        method.get("default").and_then(Value::as_str),
        Some(DEFAULT_AUTH_METHOD_CONFIDENTIAL),
        "the schema's default method"
    );
}

#[test]
fn the_pkce_challenge_methods_are_exactly_the_schema_s() {
    let schema = schema();
    let client = at(&schema, CLIENT);
    assert_same(
        "pkce_challenge_method",
        PKCE_METHODS,
        &values(property(&schema, client, "pkce_challenge_method")),
    );
}

#[test]
fn the_client_defaults_are_values_the_schema_allows() {
    let schema = schema();
    let client = at(&schema, CLIENT);
    for (key, defaults) in [
        ("scopes", DEFAULT_SCOPES),
        ("grant_types", DEFAULT_GRANT_TYPES),
        ("response_types", DEFAULT_RESPONSE_TYPES),
    ] {
        let allowed = item_values(property(&schema, client, key));
        let outside: Vec<&&str> = defaults.iter().filter(|d| !allowed.contains(**d)).collect();
        assert!(outside.is_empty(), "{key}: {outside:?} not in {allowed:?}");
    }
}

#[test]
fn the_boolean_client_keys_are_exactly_the_schema_s() {
    let schema = schema();
    assert_same(
        "boolean client keys",
        CLIENT_BOOLEAN_KEYS,
        &client_keys_of_type(&schema, "boolean"),
    );
}

#[test]
fn the_client_keys_that_take_lists_of_text_are_exactly_the_schema_s() {
    let schema = schema();
    let client = at(&schema, CLIENT);
    // A list of text in the schema: an array of strings, or a string or such an array
    // (`oneOf`, the URIs' shape).
    let is_text_list = |node: &Value| {
        node.get("type").and_then(Value::as_str) == Some("array")
            && node.pointer("/items/type").and_then(Value::as_str) == Some("string")
    };
    let text_or_list = |node: &Value| {
        node.get("oneOf")
            .and_then(Value::as_array)
            .is_some_and(|choices| {
                choices
                    .iter()
                    .any(|c| c.get("type").and_then(Value::as_str) == Some("string"))
                    && choices.iter().any(is_text_list)
            })
    };
    let lists: BTreeSet<String> = keys(client)
        .into_iter()
        .filter(|k| {
            let node = property(&schema, client, k);
            is_text_list(node) || text_or_list(node)
        })
        .collect();
    assert_same(
        "client keys taking a list of text",
        CLIENT_LIST_KEYS,
        &lists,
    );
    let text_too: BTreeSet<String> = keys(client)
        .into_iter()
        .filter(|k| text_or_list(property(&schema, client, k)))
        .collect();
    assert_same(
        "client keys taking one text in place of a list",
        CLIENT_LIST_OR_TEXT_KEYS,
        &text_too,
    );
}

#[test]
fn the_provider_keys_are_exactly_the_schema_s() {
    let schema = schema();
    assert_same(
        "identity_providers.oidc keys",
        PROVIDER_KEYS,
        &keys(at(&schema, PROVIDER)),
    );
}

#[test]
fn the_jwks_entry_keys_and_the_key_id_bound_are_the_schema_s() {
    let schema = schema();
    let jwk = at(&schema, JWK);
    assert_same("identity_providers.oidc.jwks[] keys", JWK_KEYS, &keys(jwk));
    let bound = property(&schema, jwk, "key_id")
        .get("maxLength")
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok());
    assert_eq!(bound, Some(MAX_KEY_ID_CHARS), "key_id's maxLength");
}

#[test]
fn renamed_keys_go_from_names_the_schema_lacks_to_names_it_has() {
    let schema = schema();
    let client = keys(at(&schema, CLIENT));
    for renamed in CLIENT_RENAMED {
        assert!(
            !client.contains(renamed.old),
            "{} is still a client key",
            renamed.old
        );
        assert!(
            client.contains(renamed.new),
            "{} is no client key",
            renamed.new
        );
    }
    // The provider's renamed keys: their new homes exist (a lifespan's below
    // `lifespans`); `issuer_private_key` and `issuer_certificate_chain` are still in
    // the schema, which is why the checker reports them as renamed, not as unknown.
    let provider = at(&schema, PROVIDER);
    for renamed in PROVIDER_RENAMED {
        let path: Vec<&str> = PROVIDER
            .iter()
            .copied()
            .chain(renamed.new.split('.'))
            .collect();
        at(&schema, &path);
        if renamed.old.ends_with("_lifespan") {
            assert!(
                !keys(provider).contains(renamed.old),
                "{} is still a provider key",
                renamed.old
            );
        }
    }
}
