//! The project's own text for Authelia's shared OpenID Connect shortcodes.
//!
//! Authelia's site inserts common notes into every integration guide with
//! `{{% oidc-common %}}`. The playground cannot ship Authelia's wording, so this module
//! writes its own, in markdown the engine then parses like any other guide text.

/// Where Authelia documents its OpenID Connect provider and clients.
const OIDC_DOCS: &str = "https://www.authelia.com/integration/openid-connect/introduction/";
/// Authelia's client configuration reference.
const CLIENT_DOCS: &str =
    "https://www.authelia.com/configuration/identity-providers/openid-connect/clients/";
/// Authelia's OpenID Connect frequently asked questions.
const FAQ_DOCS: &str =
    "https://www.authelia.com/integration/openid-connect/frequently-asked-questions/";
/// Authelia's claims policy reference (the escape hatch for claims hydration).
const CLAIMS_POLICY_DOCS: &str = "https://www.authelia.com/configuration/identity-providers/openid-connect/provider/#claims_policies";

/// Markdown for `oidc-common`: the notes every guide shares, then one note per named
/// bug, FAQ topic and configuration key. Unrecognised bug names are listed, not hidden.
pub(crate) fn common_notes(bugs: &[String], faq: &[String], config: &[String]) -> String {
    let mut md = format!(
        "## Before You Begin\n\n\
         ### Common Notes\n\n\
         1. Community-maintained guides like this one were checked against the versions listed; \
         other versions may need different settings.\n\
         2. Pick a client id that is hard to guess and uses only letters, digits and `-` `.` `_` `~`; \
         the [client configuration]({CLIENT_DOCS}) explains the rules.\n\
         3. Give the application the client secret in plaintext, and give Authelia only its digest. \
         Pasting the digest into the application is a frequent mistake.\n\
         4. Keep the digest in single quotes in YAML. In a Docker Compose file, write every `$` as `$$` \
         so Compose does not treat the digest as variables.\n\
         5. The [OpenID Connect 1.0 integration overview]({OIDC_DOCS}) covers the provider settings \
         this guide leaves out.\n"
    );
    if !bugs.is_empty() {
        md.push_str("\n### Known Application Issues\n\n");
        for bug in bugs {
            md.push_str("- ");
            md.push_str(&bug_note(bug));
            md.push('\n');
        }
    }
    if !faq.is_empty() {
        md.push_str("\n### Related Questions\n\n");
        for topic in faq {
            let anchor = anchor(topic);
            md.push_str(&format!("- [{}]({FAQ_DOCS}#{anchor})\n", words(topic)));
        }
    }
    if !config.is_empty() {
        md.push_str("\n### Settings Worth Checking\n\n");
        for key in config {
            let anchor = anchor(key);
            md.push_str(&format!(
                "- The [`{}`]({CLIENT_DOCS}#{anchor}) client setting.\n",
                code_safe(key)
            ));
        }
    }
    md
}

/// One bullet for a named application bug.
fn bug_note(name: &str) -> String {
    match name {
        "claims-hydration" => format!(
            "__Claims from the ID token only:__ the application reads user details from the ID token and \
             never asks the user information endpoint. Authelia follows the specification and leaves \
             those claims out of the ID token unless a [claims policy]({CLAIMS_POLICY_DOCS}) puts them there."
        ),
        "client-credentials-encoding" => format!(
            "__Credentials not encoded:__ the application sends the client id and secret in the \
             `Authorization` header without URL-encoding them first. Use only `A-Z a-z 0-9 - . _ ~` in both \
             so encoding makes no difference (see the [client configuration]({CLIENT_DOCS}))."
        ),
        "claim-binding" => "__Accounts bound to a changeable claim:__ the application links its accounts to \
             a claim such as the email address or username, which can change, instead of the stable \
             `sub` claim. Changing that value in Authelia can lock a user out or link the wrong account."
            .to_owned(),
        other => format!("The playground has no note for the issue named `{}`.", code_safe(other)),
    }
}

/// What `oidc-escape-hatch-claims-hydration` was asked for: Authelia's shortcode takes
/// `client_id` (default `example`), `policy_name` (default the client id), `claims`
/// (comma-separated) and `example="disable"` to leave out the configuration example.
pub(crate) struct EscapeHatch<'a> {
    /// The client the example configures.
    pub client_id: Option<&'a str>,
    /// The claims policy's name.
    pub policy_name: Option<&'a str>,
    /// The claims to put in the ID token.
    pub claims: Option<&'a str>,
    /// Whether the configuration example is shown.
    pub example: bool,
}

/// The claims Authelia's shortcode puts in the ID token when a guide names none.
const DEFAULT_HYDRATED_CLAIMS: &str =
    "rat,groups,email,email_verified,alt_emails,preferred_username,name";

/// Markdown for `oidc-escape-hatch-claims-hydration`: how to put claims in the ID token
/// for applications that ignore the user information endpoint, for the guide's client.
/// The client id is written as the guide gave it; the credentials stage makes it the
/// reader's where it is the guide's example client id.
pub(crate) fn claims_hydration_escape_hatch(args: &EscapeHatch<'_>) -> String {
    let mut md = format!(
        "Some applications only read claims from the ID token. For them, define a \
         [claims policy]({CLAIMS_POLICY_DOCS}) that copies the claims they need into the ID token, \
         and attach it to the client.\n"
    );
    if !args.example {
        return md;
    }
    let client_id = yaml_safe(args.client_id.unwrap_or("example"));
    let policy = yaml_safe(args.policy_name.unwrap_or(&client_id));
    let claims: Vec<String> = args
        .claims
        .unwrap_or(DEFAULT_HYDRATED_CLAIMS)
        .split(',')
        .map(|c| format!("'{}'", yaml_safe(c.trim())))
        .collect();
    md.push_str(&format!(
        "\n```yaml {{title=\"configuration.yml\"}}\n\
         identity_providers:\n  \
           oidc:\n    \
             claims_policies:\n      \
               {policy}:\n        \
                 id_token: [{}]\n    \
             clients:\n      \
               - client_id: '{client_id}'\n        \
                 claims_policy: '{policy}'\n\
         ```\n",
        claims.join(", ")
    ));
    md
}

/// A guide's word, safe inside a single-quoted YAML value and a code fence: only the
/// characters a client id, policy or claim name uses.
fn yaml_safe(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~'))
        .take(100)
        .collect()
}

/// A topic name as words: `client-credentials` → "client credentials".
fn words(name: &str) -> String {
    code_safe(&name.replace(['-', '_'], " "))
}

/// A name as a URL fragment: lower case, unsafe characters dropped.
fn anchor(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect()
}

/// Text safe inside a code span or link text: no backticks, brackets or shortcode braces.
fn code_safe(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '`' | '[' | ']' | '{' | '}' | '<' | '>' | '\n'))
        .collect()
}
