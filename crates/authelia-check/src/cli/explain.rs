//! `explain`: what the reader saw when signing in failed (a log's lines, Authelia's error
//! page or its address, the application's log), explained by the page's troubleshooter
//! ([`troubleshoot::explain`]), with the reader's configuration and the guide's values
//! when given, so it can name the keys to change.

use std::io::Read;

use super::args::ExplainArgs;
use super::guide::Guide;
use super::input::read_bounded;
use crate::configuration::MAX_CONFIGURATION_BYTES;
use crate::troubleshoot::{self, Context, Explanation, MAX_TROUBLESHOOT_BYTES, Outcome};

/// Reads the guide, the values, the configuration and the error, and explains.
///
/// # Errors
/// A message for standard error when the input is bad: a file that cannot be read or is
/// too large (the error is refused over [`MAX_TROUBLESHOOT_BYTES`] before reading, and
/// over [`troubleshoot::MAX_TROUBLESHOOT_LINES`] by the troubleshooter), a guide that
/// does not parse, a value the guide refuses.
pub fn run(args: &ExplainArgs, stdin: &mut dyn Read) -> Result<Explanation, String> {
    let guide = match &args.guide {
        Some(input) => Some(Guide::read(input, &args.values, stdin)?),
        None => None,
    };
    let configuration = match &args.configuration {
        Some(input) => read_bounded(
            input,
            "configuration",
            MAX_CONFIGURATION_BYTES,
            "MAX_CONFIGURATION_BYTES",
            stdin,
        )?,
        None => String::new(),
    };
    let pasted = read_bounded(
        &args.error,
        "error",
        MAX_TROUBLESHOOT_BYTES,
        "MAX_TROUBLESHOOT_BYTES",
        stdin,
    )?;
    let (client_id, authelia_url, application_url) = guide
        .as_ref()
        .map(|g| {
            let authelia_url = g.authelia_url().unwrap_or_default();
            (g.client_id(), authelia_url, g.application_url())
        })
        .unwrap_or_default();
    let explanation = troubleshoot::explain(
        &pasted,
        &Context {
            configuration: &configuration,
            client_id: &client_id,
            authelia_url: &authelia_url,
            application_url: &application_url,
        },
    );
    if explanation.outcome == Outcome::Refused {
        return Err(format!(
            "{}: {} {}",
            args.error.name(),
            explanation.happened,
            explanation.fix
        ));
    }
    Ok(explanation)
}
