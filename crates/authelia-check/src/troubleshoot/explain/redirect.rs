//! The redirect URI: the address the message names against each of the client's
//! `redirect_uris` (or, when the message does not carry it, the application's address
//! against them), and the two addresses of a code exchanged with another callback.

use super::{Scene, at_line, client_named};
use crate::configuration::MAX_LISTED_VALUES;
use crate::configuration::read::excerpt;
use crate::troubleshoot::uri_parts::{describe, difference, distance, origin_difference};
use crate::troubleshoot::{Change, Explanation, RedirectComparison, RedirectEntry};

/// The callback the application sent, as the message (or the authorization request's
/// address in the paste) gives it.
fn sent(scene: &Scene<'_, '_>) -> Option<String> {
    scene
        .value(&["did not match 'redirect_uri' value"])
        .or_else(|| scene.paste.field("redirect_uri").map(str::to_owned))
        .filter(|s| !s.is_empty())
}

/// The application's callback is not registered.
pub(super) fn mismatch(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let sent = sent(scene);
    let app = scene.context.application_url.trim();
    if let Some(sent) = &sent {
        out.notes.push(format!(
            "The application sent the redirect URI `{}`.",
            excerpt(sent)
        ));
        if !app.is_empty()
            && let Some(d) = origin_difference(sent, app)
        {
            out.notes.push(format!(
                "It does not start like your application's address `{}`: {}. The \
                 application builds its callback from its own idea of its address: set its \
                 public URL (and, behind a proxy, let it trust `X-Forwarded-Proto`).",
                excerpt(app),
                describe(&d, "the address sent", "your application's address")
            ));
        }
    }
    // The provider takes no redirect URI with a fragment, registered or not (uri.go's
    // IsValidRedirectURI at v0.2.40, and since 43d01654): no entry can fix it.
    if sent.as_deref().is_some_and(|s| s.contains('#')) {
        out.notes.push(
            "Its `#` part is what Authelia refuses: it never accepts a redirect URI with a \
             fragment, even one listed in `redirect_uris`. Set the application's callback to an \
             address without `#`, and register that."
                .to_owned(),
        );
        return;
    }
    let Some(client) = &scene.client else { return };
    let key = "redirect_uris";
    let registered = client.list(key).unwrap_or_default();
    let line = client.line(key);
    let (compared, from_message) = match (&sent, app.is_empty()) {
        (Some(sent), _) => (sent.clone(), true),
        (None, false) => (app.to_owned(), false),
        (None, true) => {
            out.notes.push(format!(
                "{} has `{key}` {}; the message does not say which address the application \
                 sent (Authelia's log line does, at its end).",
                client_named(client, line),
                super::listed(
                    &registered
                        .iter()
                        .map(|(u, _)| u.as_str())
                        .collect::<Vec<_>>()
                )
            ));
            return;
        }
    };
    let entries: Vec<RedirectEntry> = registered
        .iter()
        .take(MAX_LISTED_VALUES)
        .map(|(uri, line)| RedirectEntry {
            uri: excerpt(uri),
            line: *line,
            difference: if from_message {
                difference(uri, &compared)
            } else {
                origin_difference(uri, &compared)
            },
        })
        .collect();
    out.redirect = Some(RedirectComparison {
        sent: excerpt(&compared),
        from_message,
        entries: entries.clone(),
    });
    if registered.is_empty() {
        if let Some(sent) = &sent {
            out.changes.push(Change {
                key: key.to_owned(),
                line,
                from: None,
                to: format!("['{}']", excerpt(sent)),
                sentence: format!(
                    "{} has no `{key}`: add the address the application sent.",
                    client_named(client, line)
                ),
            });
        }
        return;
    }
    if !from_message {
        let differing: Vec<String> = entries
            .iter()
            .filter_map(|e| {
                e.difference.as_ref().map(|d| {
                    format!(
                        "`{}`{}: {}",
                        e.uri,
                        at_line(e.line),
                        describe(d, "it", "your application's address")
                    )
                })
            })
            .collect();
        if !differing.is_empty() {
            out.notes.push(format!(
                "Compared with your application's address `{}`: {}.",
                excerpt(app),
                differing.join("; ")
            ));
        }
        return;
    }
    if let Some(same) = entries.iter().find(|e| e.difference.is_none()) {
        out.notes.push(format!(
            "`{}` is registered{} in this paste: Authelia runs with another configuration \
             (restart it after a change), or the request is for another client.",
            same.uri,
            at_line(same.line)
        ));
        return;
    }
    let closest = registered
        .iter()
        .zip(&entries)
        .min_by_key(|((uri, _), _)| distance(uri, &compared))
        .and_then(|(_, e)| e.difference.as_ref().map(|d| (e, d)));
    let mut sentence = format!(
        "The application sent `{}`, which is not among the `{key}` of {}.",
        excerpt(&compared),
        client_named(client, line)
    );
    if let Some((entry, d)) = closest {
        sentence.push_str(&format!(
            " The closest, `{}`{}: {}.",
            entry.uri,
            at_line(entry.line),
            describe(d, "it", "the address sent")
        ));
    }
    sentence.push_str(
        " Add the address sent, or, if the registered one is right, fix the application's \
         public URL.",
    );
    let mut wanted: Vec<&str> = registered.iter().map(|(u, _)| u.as_str()).collect();
    wanted.push(&compared);
    out.changes.push(Change {
        key: key.to_owned(),
        line,
        from: Some(super::yaml_list(
            &registered
                .iter()
                .map(|(u, _)| u.as_str())
                .collect::<Vec<_>>(),
        )),
        to: super::yaml_list(&wanted),
        sentence,
    });
}

/// The code was exchanged with another callback than the sign-in's.
pub(super) fn changed(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let token = scene.value(&["'redirect_uri' parameter value"]);
    let original = scene.value(&["original 'redirect_uri' parameter value"]);
    if let (Some(token), Some(original)) = (token, original) {
        let how = difference(&original, &token)
            .map(|d| format!(": {}", describe(&d, "the sign-in's", "the token request's")))
            .unwrap_or_default();
        out.notes.push(format!(
            "The sign-in used `{}`, the token request `{}`{how}.",
            excerpt(&original),
            excerpt(&token)
        ));
    }
}
