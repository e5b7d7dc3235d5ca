//! The command line's arguments, read into a [`Command`].
//!
//! Read by hand rather than with an argument crate: the grammar is two subcommands, five
//! options and one file, and hand-written it costs no dependency to vet and keeps every
//! refusal's wording (and its exit status, 2) ours. It takes `--name value` and
//! `--name=value`, `-h`, `-V`, `-` for standard input, and `--` before a file whose name
//! starts with `-`. Paths are kept as the system gives them (not necessarily UTF-8);
//! everything else must be UTF-8.

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// `--help`, `-h` or `help`, anywhere before `--`: the usage text.
    Help,
    /// `--version` or `-V`: the program's name and version.
    Version,
    /// `check`: a configuration checked against a guide.
    Check(CheckArgs),
    /// `explain`: an error from a failed sign-in explained.
    Explain(ExplainArgs),
}

/// The arguments of `check`.
#[derive(Debug, PartialEq, Eq)]
pub struct CheckArgs {
    /// The guide's markdown file (`--guide`).
    pub guide: Input,
    /// The reader's values (`--value NAME=VALUE`), in the order given, not yet checked
    /// against the guide.
    pub values: Vec<(String, String)>,
    /// How findings are written (`--format`).
    pub format: Format,
    /// The configuration to check.
    pub configuration: Input,
}

/// The arguments of `explain`.
#[derive(Debug, PartialEq, Eq)]
pub struct ExplainArgs {
    /// What the reader saw: a log's lines, the error page's text or address (the file
    /// named last, else standard input).
    pub error: Input,
    /// The reader's configuration (`--configuration`), to name the keys to change.
    pub configuration: Option<Input>,
    /// The guide (`--guide`), for the client id and the addresses the values give.
    pub guide: Option<Input>,
    /// The reader's values (`--value NAME=VALUE`), not yet checked against the guide.
    pub values: Vec<(String, String)>,
    /// How the explanation is written (`--format`).
    pub format: Format,
}

/// Where a text is read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Standard input, named `-` on the command line.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Input {
    fn from_arg(arg: OsString) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::File(PathBuf::from(arg))
        }
    }

    /// How messages and output name it: the path as given, `-` for standard input.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_owned(),
            Input::File(path) => path.display().to_string(),
        }
    }
}

/// How the findings are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// One finding per line, for a person or a CI log.
    #[default]
    Human,
    /// One JSON object, for a program.
    Json,
}

/// An argument the command cannot use; its message says which and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Reads the arguments (without the program's name) into a [`Command`].
///
/// # Errors
/// A [`UsageError`] naming the argument: no or an unknown subcommand, an unknown option,
/// an option without its value or given twice, a `--value` without `=`, a `--format`
/// other than `human` or `json`, a missing or second file, text that is not UTF-8.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, UsageError> {
    let args: Vec<OsString> = args.into_iter().collect();
    let before_end = args.iter().take_while(|a| *a != "--");
    let mut asks_version = false;
    for arg in before_end {
        if arg == "--help" || arg == "-h" {
            return Ok(Command::Help);
        }
        asks_version |= arg == "--version" || arg == "-V";
    }
    let mut args = args.into_iter();
    let Some(first) = args.next() else {
        return Err(UsageError(
            "no subcommand: use `check` or `explain`.".into(),
        ));
    };
    match first.to_str() {
        Some("help") => Ok(Command::Help),
        _ if asks_version => Ok(Command::Version),
        Some("check") => check(Lexer::new(args)).map(Command::Check),
        Some("explain") => explain(Lexer::new(args)).map(Command::Explain),
        _ => Err(UsageError(format!(
            "unknown subcommand '{}': use `check` or `explain`.",
            first.to_string_lossy()
        ))),
    }
}

/// The arguments after `check`.
fn check(mut lexer: Lexer) -> Result<CheckArgs, UsageError> {
    let mut guide = None;
    let mut values = Vec::new();
    let mut format = None;
    let mut configuration = None;
    while let Some(arg) = lexer.next_arg() {
        match arg {
            Arg::Option(name) => match name.as_str() {
                "--guide" => once(&mut guide, &name, Input::from_arg(lexer.value(&name)?))?,
                "--value" => values.push(name_and_value(&text(lexer.value(&name)?, &name)?)?),
                "--format" => once(&mut format, &name, format_of(lexer.value(&name)?)?)?,
                _ => return Err(UsageError(format!("unknown option '{name}' for `check`."))),
            },
            Arg::Positional(file) => {
                if configuration.is_some() {
                    return Err(UsageError(format!(
                        "a second configuration file '{}': `check` reads one.",
                        file.to_string_lossy()
                    )));
                }
                configuration = Some(Input::from_arg(file));
            }
        }
    }
    let guide = guide.ok_or_else(|| UsageError("`check` needs --guide GUIDE.md.".into()))?;
    let configuration = configuration.ok_or_else(|| {
        UsageError(
            "`check` needs the configuration file to check (or `-` for standard input).".into(),
        )
    })?;
    if guide == Input::Stdin && configuration == Input::Stdin {
        return Err(UsageError(
            "the guide and the configuration cannot both be standard input.".into(),
        ));
    }
    Ok(CheckArgs {
        guide,
        values,
        format: format.unwrap_or_default(),
        configuration,
    })
}

/// The arguments after `explain`.
fn explain(mut lexer: Lexer) -> Result<ExplainArgs, UsageError> {
    let mut error = None;
    let mut configuration = None;
    let mut guide = None;
    let mut values = Vec::new();
    let mut format = None;
    while let Some(arg) = lexer.next_arg() {
        match arg {
            Arg::Option(name) => match name.as_str() {
                "--configuration" => once(
                    &mut configuration,
                    &name,
                    Input::from_arg(lexer.value(&name)?),
                )?,
                "--guide" => once(&mut guide, &name, Input::from_arg(lexer.value(&name)?))?,
                "--value" => values.push(name_and_value(&text(lexer.value(&name)?, &name)?)?),
                "--format" => once(&mut format, &name, format_of(lexer.value(&name)?)?)?,
                _ => {
                    return Err(UsageError(format!(
                        "unknown option '{name}' for `explain`."
                    )));
                }
            },
            Arg::Positional(file) => {
                if error.is_some() {
                    return Err(UsageError(format!(
                        "a second error file '{}': `explain` reads one.",
                        file.to_string_lossy()
                    )));
                }
                error = Some(Input::from_arg(file));
            }
        }
    }
    if guide.is_none() && !values.is_empty() {
        return Err(UsageError(
            "--value needs --guide: the values are the guide's variables.".into(),
        ));
    }
    let error = error.unwrap_or(Input::Stdin);
    let stdin_readers = [Some(&error), configuration.as_ref(), guide.as_ref()]
        .into_iter()
        .filter(|input| *input == Some(&Input::Stdin))
        .count();
    if stdin_readers > 1 {
        return Err(UsageError(
            "only one of the error, the configuration and the guide can be standard input \
             (the error is, when no file is named)."
                .into(),
        ));
    }
    Ok(ExplainArgs {
        error,
        configuration,
        guide,
        values,
        format: format.unwrap_or_default(),
    })
}

/// The value of `--format`.
fn format_of(value: OsString) -> Result<Format, UsageError> {
    match text(value, "--format")?.as_str() {
        "human" => Ok(Format::Human),
        "json" => Ok(Format::Json),
        other => Err(UsageError(format!(
            "--format '{other}': use `human` or `json`."
        ))),
    }
}

/// Sets an option's value, refusing a second one (which of the two was meant is not
/// ours to guess).
fn once<T>(slot: &mut Option<T>, name: &str, value: T) -> Result<(), UsageError> {
    if slot.is_some() {
        return Err(UsageError(format!("{name} is given twice.")));
    }
    *slot = Some(value);
    Ok(())
}

/// An option's value as text.
fn text(value: OsString, option: &str) -> Result<String, UsageError> {
    value.into_string().map_err(|v| {
        UsageError(format!(
            "{option} '{}' is not UTF-8 text.",
            v.to_string_lossy()
        ))
    })
}

/// `NAME=VALUE`, split at the first `=` (a value may hold more).
fn name_and_value(text: &str) -> Result<(String, String), UsageError> {
    match text.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_owned(), value.to_owned())),
        _ => Err(UsageError(format!(
            "--value '{text}': write NAME=VALUE, e.g. --value domain=example.org."
        ))),
    }
}

/// One argument: an option by its name, or a positional one.
enum Arg {
    /// `--name` (its value, if written `--name=value`, waits in the lexer).
    Option(String),
    /// A file, `-`, or anything after `--`.
    Positional(OsString),
}

/// Splits the arguments into options and positional ones.
struct Lexer {
    args: std::vec::IntoIter<OsString>,
    /// The value written after `=` in the last option.
    inline: Option<OsString>,
    /// Past `--`: everything is positional.
    ended: bool,
}

impl Lexer {
    fn new(args: std::vec::IntoIter<OsString>) -> Lexer {
        Lexer {
            args,
            inline: None,
            ended: false,
        }
    }

    fn next_arg(&mut self) -> Option<Arg> {
        self.inline = None;
        let arg = self.args.next()?;
        if self.ended {
            return Some(Arg::Positional(arg));
        }
        if arg == "--" {
            self.ended = true;
            return self.next_arg();
        }
        let is_option = arg.len() > 1 && arg.as_encoded_bytes().starts_with(b"-");
        if !is_option {
            return Some(Arg::Positional(arg));
        }
        match arg.into_string() {
            Ok(text) => match text.split_once('=') {
                Some((name, value)) if text.starts_with("--") => {
                    self.inline = Some(value.into());
                    Some(Arg::Option(name.to_owned()))
                }
                _ => Some(Arg::Option(text)),
            },
            // Its name cannot be told from its value: the option is not one of ours, or
            // its value is not UTF-8 and must then be the next argument.
            Err(arg) => Some(Arg::Option(arg.to_string_lossy().into_owned())),
        }
    }

    /// The value of the option just read: after its `=`, else the next argument.
    fn value(&mut self, option: &str) -> Result<OsString, UsageError> {
        self.inline
            .take()
            .or_else(|| self.args.next())
            .ok_or_else(|| UsageError(format!("{option} needs a value.")))
    }
}
