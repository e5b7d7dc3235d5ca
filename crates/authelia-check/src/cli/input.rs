//! Reads a file or standard input as text, bounded: a file larger than the limit is
//! refused from its size before any of it is read, and whatever the source (a file that
//! grows, a pipe, a device) at most one byte past the limit is read before refusing.
//! So a huge or endless input costs the command nothing.

use std::fs::File;
use std::io::Read;

use super::args::Input;

/// Reads `input`, `what` it is (`"configuration"`, `"guide"`) naming it in messages,
/// refusing anything over `limit` bytes (`limit_name`, the constant's name, is named in
/// the refusal with its value).
///
/// # Errors
/// A message for standard error, naming the input: it cannot be opened or read, is a
/// folder, is over the limit (naming it), or is not UTF-8 text.
pub fn read_bounded(
    input: &Input,
    what: &str,
    limit: usize,
    limit_name: &str,
    stdin: &mut dyn Read,
) -> Result<String, String> {
    let name = input.name();
    let too_large = |size: String| {
        format!(
            "{name}: the {what} is {size}; a {what} may be at most {limit} bytes \
             ({limit_name})."
        )
    };
    // One byte past the limit tells "too large" from "exactly the limit".
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::new();
    let read = match input {
        Input::Stdin => stdin.take(cap).read_to_end(&mut bytes),
        Input::File(path) => {
            let file = File::open(path).map_err(|e| format!("{name}: cannot be opened: {e}."))?;
            let metadata = file
                .metadata()
                .map_err(|e| format!("{name}: cannot be read: {e}."))?;
            if metadata.is_dir() {
                return Err(format!("{name}: is a folder; give the {what} file."));
            }
            if metadata.len() >= cap {
                return Err(too_large(format!("{} bytes", metadata.len())));
            }
            file.take(cap).read_to_end(&mut bytes)
        }
    };
    read.map_err(|e| format!("{name}: cannot be read: {e}."))?;
    if bytes.len() > limit {
        return Err(too_large(format!("more than {limit} bytes")));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name}: the {what} is not UTF-8 text (byte {} is not).",
            e.utf8_error().valid_up_to().saturating_add(1)
        )
    })
}
