//! What a link or image address in a guide becomes: a heading of this guide, a web
//! address, a path on the guide's own site, or a refusal with its reason.
//!
//! Decided once, here, for every link, image, figure and autolink, so no view has to
//! inspect an address: the rule that the client secret and its digest never travel in
//! an address is enforced by the types ([`Url`] cannot hold them).

use super::document::{Refusal, Segment, Source, Target, Url};
use super::safety::{Scheme, scheme};
use super::variables::CLIENT_SECRET;

/// Whether an address holds the client secret or its digest.
fn carries_secret(segments: &[Segment]) -> bool {
    segments.iter().any(|s| match s {
        Segment::Digest => true,
        Segment::Variable(v) => v.name == CLIENT_SECRET,
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
    use crate::variables::{Format, VarRef};

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
