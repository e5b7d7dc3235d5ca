//! `check`: a configuration file checked against a guide and the reader's values, by the
//! page's own engine and rules ([`configuration::check`]) against what the page would
//! check it against ([`crate::guide_block`]).

use std::io::Read;

use super::args::CheckArgs;
use super::guide::Guide;
use super::input::read_bounded;
use crate::configuration::{self, Expected, GuideFacts, MAX_CONFIGURATION_BYTES, Report};

/// What a check found, with what it was checked against.
#[derive(Debug)]
pub struct Checked {
    /// The client id looked for: the one in the guide's block with the reader's values.
    pub client_id: String,
    /// The checker's report.
    pub report: Report,
}

/// Reads the guide, the values and the configuration, and checks.
///
/// # Errors
/// A message for standard error when the input is bad: a file that cannot be read or is
/// too large, a guide that does not parse or has no Authelia block, a value the guide
/// refuses.
pub fn run(args: &CheckArgs, stdin: &mut dyn Read) -> Result<Checked, String> {
    let guide = Guide::read(&args.guide, &args.values, stdin)?;
    let Some(block) = &guide.block else {
        return Err(format!(
            "{}: the guide has no Authelia configuration block (a code block with the \
             client secret's digest), so there is nothing to check against.",
            args.guide.name()
        ));
    };
    let client_id = guide.client_id();
    let pasted = read_bounded(
        &args.configuration,
        "configuration",
        MAX_CONFIGURATION_BYTES,
        "MAX_CONFIGURATION_BYTES",
        stdin,
    )?;
    let authelia_url = guide.authelia_url();
    let report = configuration::check(
        &pasted,
        &Expected {
            client_id: &client_id,
            guide_block: block,
            authelia_url: authelia_url.as_deref(),
            guide: GuideFacts::of(&guide.document),
        },
    );
    Ok(Checked { client_id, report })
}
