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

/// The names an `oidc-common` shortcode lists: bugs, FAQ topics and settings, each read
/// lazily (see [`common_notes`]).
pub(crate) struct Lists<I> {
    /// `bugs="…"`: application issues.
    pub bugs: I,
    /// `faq="…"`: frequently asked questions.
    pub faq: I,
    /// `config="…"`: client settings worth checking.
    pub config: I,
}

/// Markdown the project writes for a shortcode, and whether some of it was left out to
/// stay within the room it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text {
    /// The markdown.
    pub markdown: String,
    /// Names past the room were left out.
    pub cut: bool,
}

/// A section of the common notes: its heading, its names and the line each becomes.
type Section<'h, I> = (&'h str, I, fn(&str) -> String);

/// Markdown for `oidc-common`: the notes every guide shares, then one note per named
/// bug, FAQ topic and configuration key, in at most `room` bytes. Unrecognised bug
/// names are listed, not hidden. Names that would pass `room` are not read, so a list
/// of a hundred thousand names costs what the ones shown cost; `None` when even the
/// shared notes do not fit.
pub(crate) fn common_notes<'a, I>(lists: &Lists<I>, room: usize) -> Option<Text>
where
    I: Iterator<Item = &'a str> + Clone,
{
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
    if md.len() > room {
        return None;
    }
    let sections: [Section<'_, I>; 3] = [
        (
            "\n### Known Application Issues\n\n",
            lists.bugs.clone(),
            |bug| format!("- {}\n", bug_note(bug)),
        ),
        ("\n### Related Questions\n\n", lists.faq.clone(), |topic| {
            format!("- [{}]({FAQ_DOCS}#{})\n", words(topic), anchor(topic))
        }),
        (
            "\n### Settings Worth Checking\n\n",
            lists.config.clone(),
            |key| {
                format!(
                    "- The [`{}`]({CLIENT_DOCS}#{}) client setting.\n",
                    code_safe(key),
                    anchor(key)
                )
            },
        ),
    ];
    for (heading, names, line) in sections {
        let mut names = names.peekable();
        if names.peek().is_none() {
            continue;
        }
        if md.len() + heading.len() > room {
            return Some(Text {
                markdown: md,
                cut: true,
            });
        }
        md.push_str(heading);
        for name in names {
            let line = line(name);
            if md.len() + line.len() > room {
                return Some(Text {
                    markdown: md,
                    cut: true,
                });
            }
            md.push_str(&line);
        }
    }
    Some(Text {
        markdown: md,
        cut: false,
    })
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

/// Most claim names the engine keeps of those a guide lists for the ID token. Authelia's
/// guides list at most seven; the checker quotes each one back, so a guide listing
/// thousands keeps the first ones only.
pub const MAX_ID_TOKEN_CLAIMS: usize = 32;

/// The bug name `oidc-common` gives an application that reads the user's claims from the
/// ID token only (Authelia's `docs/layouts/_shortcodes/oidc-common.html`).
const CLAIMS_HYDRATION_BUG: &str = "claims-hydration";

/// The shortcode that shows Authelia's workaround for such an application.
pub(crate) const ESCAPE_HATCH: &str = "oidc-escape-hatch-claims-hydration";

/// What a shortcode says about the ID token: `None` when nothing; `Some(names)` when it
/// says the application reads the user's claims from the ID token only, so that since
/// Authelia 4.39 its client needs a claims policy. That is `oidc-common` listing the
/// `claims-hydration` bug (which names no claim), or the escape hatch, which names the
/// claims of its `claims` argument (none when the guide gives none: the shortcode's
/// default list is an example, not the application's need). Names are cut to the
/// characters a claim name uses and to [`MAX_ID_TOKEN_CLAIMS`].
pub(crate) fn id_token_claims(
    shortcode: &str,
    bugs: Option<&str>,
    claims: Option<&str>,
) -> Option<Vec<String>> {
    match shortcode {
        "oidc-common" => bugs
            .unwrap_or_default()
            .split(',')
            .any(|bug| bug.trim() == CLAIMS_HYDRATION_BUG)
            .then(Vec::new),
        ESCAPE_HATCH => Some(
            claims
                .unwrap_or_default()
                .split(',')
                .map(yaml_safe)
                .filter(|claim| !claim.is_empty())
                .take(MAX_ID_TOKEN_CLAIMS)
                .collect(),
        ),
        _ => None,
    }
}

/// Adds what one shortcode said about the ID token to what the guide said before: the
/// claims of both, each once, at most [`MAX_ID_TOKEN_CLAIMS`].
pub(crate) fn merge_id_token_claims(into: &mut Option<Vec<String>>, more: &[String]) {
    let all = into.get_or_insert_with(Vec::new);
    for claim in more {
        if all.len() >= MAX_ID_TOKEN_CLAIMS {
            break;
        }
        if !all.contains(claim) {
            all.push(claim.clone());
        }
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
///
/// `None` when the text would pass `room` bytes (its claims list is the guide's own and
/// may be long).
pub(crate) fn claims_hydration_escape_hatch(args: &EscapeHatch<'_>, room: usize) -> Option<Text> {
    let md = escape_hatch_markdown(args);
    (md.len() <= room).then_some(Text {
        markdown: md,
        cut: false,
    })
}

/// The escape hatch's markdown, whole.
fn escape_hatch_markdown(args: &EscapeHatch<'_>) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> impl Iterator<Item = &str> + Clone {
        text.split(',').filter(|name| !name.is_empty())
    }

    #[test]
    fn the_claims_hydration_bug_and_the_escape_hatch_say_the_id_token_needs_claims() {
        assert_eq!(
            id_token_claims(
                "oidc-common",
                Some("client-credentials-encoding, claims-hydration"),
                None
            ),
            Some(Vec::new())
        );
        assert_eq!(
            id_token_claims("oidc-common", Some("claim-binding"), None),
            None
        );
        assert_eq!(id_token_claims("oidc-common", None, None), None);
        assert_eq!(
            id_token_claims(ESCAPE_HATCH, None, Some("email, name,{{x}}")),
            Some(vec!["email".to_owned(), "name".to_owned(), "x".to_owned()])
        );
        // The shortcode's default list is its example, not the application's need.
        assert_eq!(id_token_claims(ESCAPE_HATCH, None, None), Some(Vec::new()));
        assert_eq!(
            id_token_claims("figure", Some("claims-hydration"), None),
            None
        );
    }

    #[test]
    fn merged_claims_are_kept_once_and_bounded() {
        let mut all = None;
        merge_id_token_claims(&mut all, &[]);
        assert_eq!(all, Some(Vec::new()));
        merge_id_token_claims(&mut all, &["email".to_owned(), "name".to_owned()]);
        merge_id_token_claims(&mut all, &["name".to_owned(), "groups".to_owned()]);
        assert_eq!(
            all.as_deref(),
            Some(&["email".to_owned(), "name".to_owned(), "groups".to_owned()][..])
        );
        let many: Vec<String> = (0..1000).map(|i| format!("c{i}")).collect();
        merge_id_token_claims(&mut all, &many);
        assert_eq!(all.map(|a| a.len()), Some(MAX_ID_TOKEN_CLAIMS));
    }

    #[test]
    fn a_long_list_stops_at_its_room_and_says_so() {
        let many = "a,".repeat(100_000);
        let lists = Lists {
            bugs: names(""),
            faq: names(""),
            config: names(&many),
        };
        let text = common_notes(&lists, 4096).expect("the shared notes fit");
        assert!(text.cut);
        assert!(text.markdown.len() <= 4096);
        assert!(text.markdown.contains("client setting"));
    }

    #[test]
    fn nothing_is_written_when_the_shared_notes_do_not_fit() {
        let lists = Lists {
            bugs: names(""),
            faq: names(""),
            config: names(""),
        };
        assert_eq!(common_notes(&lists, 100), None);
        let whole = common_notes(&lists, usize::MAX).expect("fits");
        assert!(!whole.cut);
    }

    #[test]
    fn a_full_note_is_a_few_kilobytes() {
        // What `MAX_SNIPPET_BYTES` is measured against.
        let lists = Lists {
            bugs: names("claims-hydration,client-credentials-encoding,claim-binding"),
            faq: names("client-credentials"),
            config: names("token_endpoint_auth_method,pkce_challenge_method,redirect_uris"),
        };
        let text = common_notes(&lists, usize::MAX).expect("fits");
        assert!(
            (2000..3000).contains(&text.markdown.len()),
            "{}",
            text.markdown.len()
        );
    }
}
