//! What a link or image address in a guide becomes: a heading of this guide, a web
//! address, a path on the guide's own site, or a refusal with its reason.
//!
//! Decided once, here, for every link, image, figure and autolink, so no view has to
//! inspect an address: the rule that no secret (the client secret, its digest, or any
//! variable whose name or label says it is secret) ever travels in an address is
//! enforced by the types ([`Url`] cannot hold them). Text is not an address: a URL
//! written in a code block keeps whatever the guide put there.

use super::document::{Block, Inline, Refusal, Segment, Source, Target, Url};
use super::front_matter::FrontMatter;
use super::safety::{Scheme, scheme};
use super::walk::{NodeMut, walk_mut};

/// Where Authelia publishes its documentation.
const AUTHELIA_SITE: &str = "https://www.authelia.com";

/// The path under which Authelia's client guides were first published, one page per
/// client (`/integration/openid-connect/matomo/`); their front matter keeps it as an
/// alias since they moved to page bundles under `clients/`.
const CLIENT_GUIDE_ALIAS: &str = "/integration/openid-connect/";

/// Where a guide's page bundle lives on its site, as the content folders above its
/// `index.md` (`integration/openid-connect/clients/matomo`), when the guide says so.
///
/// Authelia's client guides are page bundles, `content/integration/openid-connect/
/// clients/<name>/index.md`, published at `/integration/openid-connect/clients/<name>/`;
/// their front matter names the old address `/integration/openid-connect/<name>/` as an
/// alias, which is how a guide tells where it is published.
pub(crate) fn bundle_of(front_matter: &FrontMatter) -> Option<Vec<String>> {
    front_matter.aliases.iter().find_map(|alias| {
        let name = alias
            .strip_prefix(CLIENT_GUIDE_ALIAS)?
            .trim_end_matches('/');
        let plain = !name.is_empty()
            && name != "clients"
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && !name.starts_with('.');
        plain.then(|| {
            ["integration", "openid-connect", "clients", name]
                .map(str::to_owned)
                .to_vec()
        })
    })
}

/// The absolute address of a relative link written in the page bundle `bundle`.
///
/// Hugo resolves a link to a content file against the folder of the file that holds
/// it, which for a page bundle is the bundle's own folder: from `clients/matomo/
/// index.md`, `../../introduction.md` is `openid-connect/introduction.md`. A content
/// file is published as a folder (`introduction.md` → `introduction/`; an `index.md`
/// or `_index.md` as its own folder); other files keep their names. `None` for a path
/// that climbs out of the site.
pub(crate) fn on_site(bundle: &[String], path: &str) -> Option<String> {
    let cut = path.find(['#', '?']).unwrap_or(path.len());
    let (file, suffix) = path.split_at(cut);
    let mut parts: Vec<&str> = if file.starts_with('/') {
        Vec::new()
    } else {
        bundle.iter().map(String::as_str).collect()
    };
    for part in file.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let folder = match parts.last().and_then(|last| last.strip_suffix(".md")) {
        Some("index" | "_index") => {
            parts.pop();
            true
        }
        Some(stem) => {
            parts.pop();
            parts.push(stem);
            true
        }
        None => file.ends_with('/') || file.is_empty(),
    };
    let mut url = format!("{AUTHELIA_SITE}/{}", parts.join("/"));
    if folder && !url.ends_with('/') {
        url.push('/');
    }
    url.push_str(suffix);
    Some(url)
}

/// Gives every relative link its address on the guide's site, when the guide says where
/// it is published. Images stay relative: the page shows files the reader supplies.
pub(crate) fn place_on_site(blocks: &mut Vec<Block>, front_matter: &FrontMatter) {
    let Some(bundle) = bundle_of(front_matter) else {
        return;
    };
    walk_mut(blocks, &mut |node| {
        if let NodeMut::Inlines(run) = node {
            for inline in run.iter_mut() {
                if let Inline::Link {
                    target: Target::Relative { path, site },
                    ..
                } = inline
                {
                    *site = on_site(&bundle, path)
                        .and_then(|url| Url::from_segments(vec![Segment::Text(url)]).ok());
                }
            }
        }
    });
}

/// Whether an address holds a secret variable (the client secret, or any variable whose
/// name or label says it is secret, see [`crate::variables::is_secret`]) or the digest.
fn carries_secret(segments: &[Segment]) -> bool {
    segments.iter().any(|s| match s {
        Segment::Digest => true,
        Segment::Variable(v) => v.is_secret(),
        Segment::Override(o) => o.carries_secret(),
        Segment::Text(_) => false,
    })
}

/// Where a link goes. `segments` is the address with variables as nodes; `written` is
/// the same with variables at their defaults, for reading its scheme and for display.
pub(crate) fn target(segments: Vec<Segment>, written: String) -> Target {
    if carries_secret(&segments) {
        return Target::Refused {
            written,
            refusal: Refusal::CarriesSecret,
        };
    }
    if let Some(fragment) = written.trim_start().strip_prefix('#') {
        return Target::Fragment(fragment.to_owned());
    }
    match scheme(&written) {
        Scheme::Allowed | Scheme::NetworkPath => match Url::from_segments(segments) {
            Ok(url) => Target::Web(url),
            Err(refusal) => Target::Refused { written, refusal },
        },
        Scheme::Refused => Target::Refused {
            written,
            refusal: Refusal::UnsafeScheme,
        },
        Scheme::None => Target::Relative {
            path: written,
            site: None,
        },
    }
}

/// Where an image comes from; see [`target`] for the arguments.
pub(crate) fn source(segments: Vec<Segment>, written: String) -> Source {
    if carries_secret(&segments) {
        return Source::Refused {
            written,
            refusal: Refusal::CarriesSecret,
        };
    }
    match scheme(&written) {
        Scheme::Allowed | Scheme::NetworkPath => match Url::from_segments(segments) {
            Ok(url) => Source::Web(url),
            Err(refusal) => Source::Refused { written, refusal },
        },
        Scheme::Refused => Source::Refused {
            written,
            refusal: Refusal::UnsafeScheme,
        },
        Scheme::None => Source::Relative(written),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matomo() -> Vec<String> {
        let fm = FrontMatter {
            aliases: vec!["/integration/openid-connect/matomo/".to_owned()],
            ..FrontMatter::default()
        };
        bundle_of(&fm).expect("an Authelia client guide")
    }

    #[test]
    fn relative_links_resolve_against_the_page_bundle_folder() {
        let b = matomo();
        assert_eq!(
            on_site(&b, "../../introduction.md").as_deref(),
            Some("https://www.authelia.com/integration/openid-connect/introduction/")
        );
        assert_eq!(
            on_site(&b, "../../../../configuration/identity-providers/openid-connect/clients.md#client_secret").as_deref(),
            Some("https://www.authelia.com/configuration/identity-providers/openid-connect/clients/#client_secret")
        );
        assert_eq!(
            on_site(&b, "../_index.md").as_deref(),
            Some("https://www.authelia.com/integration/openid-connect/clients/")
        );
        assert_eq!(
            on_site(
                &b,
                "../../../configuration/miscellaneous/server-endpoints-authz/"
            )
            .as_deref(),
            Some(
                "https://www.authelia.com/integration/configuration/miscellaneous/server-endpoints-authz/"
            )
        );
        assert_eq!(
            on_site(&b, "/reference/guides/branding.md").as_deref(),
            Some("https://www.authelia.com/reference/guides/branding/")
        );
        assert_eq!(
            on_site(&b, "matomo.png").as_deref(),
            Some("https://www.authelia.com/integration/openid-connect/clients/matomo/matomo.png")
        );
        assert_eq!(
            on_site(&b, "../../../../../../x.md"),
            None,
            "above the site"
        );
    }

    #[test]
    fn only_an_authelia_client_guide_alias_places_a_guide() {
        for alias in [
            "/integration/openid-connect/",
            "/somewhere/else/",
            "/integration/openid-connect/a/b/",
        ] {
            let fm = FrontMatter {
                aliases: vec![alias.to_owned()],
                ..FrontMatter::default()
            };
            assert_eq!(bundle_of(&fm), None, "{alias}");
        }
    }
    use crate::variables::{CLIENT_SECRET, Format, VarRef};

    fn text(t: &str) -> Segment {
        Segment::Text(t.to_owned())
    }

    fn var(name: &str) -> Segment {
        Segment::Variable(VarRef {
            name: name.to_owned(),
            format: Format::Plain,
        })
    }

    #[test]
    fn an_address_holding_the_secret_or_digest_is_refused_whatever_its_kind() {
        for segments in [
            vec![text("https://evil.example/c?s="), var(CLIENT_SECRET)],
            vec![text("./p.png?s="), var(CLIENT_SECRET)],
            vec![text("#"), Segment::Digest],
            vec![Segment::Digest],
            vec![text("https://x.example/?k="), var("api_key")],
            vec![text("https://x.example/"), var("clientSecret")],
            vec![text("https://u:"), var("password"), text("@x.example/")],
        ] {
            let refused = Target::Refused {
                written: "w".into(),
                refusal: Refusal::CarriesSecret,
            };
            assert_eq!(target(segments.clone(), "w".into()), refused);
            assert!(matches!(
                source(segments, "w".into()),
                Source::Refused {
                    refusal: Refusal::CarriesSecret,
                    ..
                }
            ));
        }
    }

    #[test]
    fn addresses_are_sorted_by_kind() {
        assert_eq!(
            target(vec![text("#web-gui")], "#web-gui".into()),
            Target::Fragment("web-gui".into())
        );
        assert!(matches!(
            target(
                vec![text("https://"), var("domain"), text("/")],
                "https://example.com/".into()
            ),
            Target::Web(_)
        ));
        assert!(matches!(
            target(vec![text("//cdn.example/x")], "//cdn.example/x".into()),
            Target::Web(_)
        ));
        assert_eq!(
            target(vec![text("../../intro.md")], "../../intro.md".into()),
            Target::Relative {
                path: "../../intro.md".into(),
                site: None
            }
        );
        assert!(matches!(
            target(vec![text("javascript:x")], "javascript:x".into()),
            Target::Refused {
                refusal: Refusal::UnsafeScheme,
                ..
            }
        ));
        assert_eq!(
            source(vec![text("proxmox.png")], "proxmox.png".into()),
            Source::Relative("proxmox.png".into())
        );
    }
}
