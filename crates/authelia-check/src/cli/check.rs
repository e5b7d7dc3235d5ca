//! `check`: a configuration file checked against a guide and the reader's values, by the
//! page's own engine and rules ([`configuration::check`]) against what the page would
//! check it against ([`guide_block`]).

use std::io::Read;

use guide_engine::MAX_GUIDE_BYTES;

use super::args::CheckArgs;
use super::input::read_bounded;
use super::values;
use crate::configuration::{self, Expected, MAX_CONFIGURATION_BYTES, Report};
use crate::guide_block;

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
    let guide_name = args.guide.name();
    let source = read_bounded(
        &args.guide,
        "guide",
        MAX_GUIDE_BYTES,
        "MAX_GUIDE_BYTES",
        stdin,
    )?;
    let document = guide_engine::parse(&source)
        .map_err(|e| format!("{guide_name}: the guide does not parse: {e}."))?;
    let values = values::for_guide(&document, &args.values)?;
    let block = guide_block::filled_in(&document, &values).ok_or_else(|| {
        format!(
            "{guide_name}: the guide has no Authelia configuration block (a code block with \
             the client secret's digest), so there is nothing to check against."
        )
    })?;
    let client_id = guide_block::client_id_of(&block);
    let pasted = read_bounded(
        &args.configuration,
        "configuration",
        MAX_CONFIGURATION_BYTES,
        "MAX_CONFIGURATION_BYTES",
        stdin,
    )?;
    let report = configuration::check(
        &pasted,
        &Expected {
            client_id: &client_id,
            guide_block: &block,
        },
    );
    Ok(Checked { client_id, report })
}
