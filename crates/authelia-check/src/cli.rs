//! The `authelia-check` command, for CI and the terminal: the page's "Check my
//! configuration" on a file, with the page's engine, rules and rule ids (`check`), and
//! its troubleshooter on a pasted error (`explain`). The binary
//! (`src/main.rs`) hands [`run`] its arguments and standard streams; everything it does is
//! here, so tests run it natively without a process.
//!
//! - `args.rs`: the arguments, read by hand.
//! - `input.rs`: files and standard input, bounded before they are read.
//! - `values.rs`: `--value`, held to the guide's variables as the page holds its fields.
//! - `guide.rs`: the guide with those values, and what the page derives from them.
//! - `check.rs`: the check, against the guide's block as the page fills it in.
//! - `output.rs`: findings for people (one a line) and for programs (JSON).
//! - `explain.rs`: the troubleshooter, with the configuration and the guide's values.
//! - `explanation.rs`: its answer for people and for programs (JSON).
//! - `usage.rs`: `--help`.
//!
//! Native only (see `lib.rs`): the browser has no command line.

mod args;
mod check;
mod explain;
mod explanation;
mod guide;
mod input;
mod output;
mod usage;
mod values;

use std::ffi::OsString;
use std::io::{Read, Write};

use crate::troubleshoot::Outcome;

pub use args::{CheckArgs, Command, ExplainArgs, Format, Input, UsageError, parse};
pub use explanation::JsonExplanation;
pub use output::{JsonFinding, JsonReport};

/// The command's exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// 0: `check` found nothing, `explain` recognised the error (or `--help`,
    /// `--version`).
    Clean,
    /// 1: `check` found something, `explain` did not recognise the error.
    Findings,
    /// 2: bad input (arguments, files, values, the guide); the reason is on standard error.
    BadInput,
}

impl Exit {
    /// The status the process exits with.
    pub const fn code(self) -> u8 {
        match self {
            Exit::Clean => 0,
            Exit::Findings => 1,
            Exit::BadInput => 2,
        }
    }
}

/// The program's name in messages.
pub const NAME: &str = "authelia-check";

/// Runs the command: `args` without the program's name, the standard streams. Never
/// panics; whatever goes wrong is said on `stderr` and gives [`Exit::BadInput`].
pub fn run(
    args: impl IntoIterator<Item = OsString>,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Exit {
    let outcome = match parse(args) {
        Ok(Command::Help) => write!(stdout, "{}", usage::text()).map(|()| Exit::Clean),
        Ok(Command::Version) => {
            writeln!(stdout, "{NAME} {}", env!("CARGO_PKG_VERSION")).map(|()| Exit::Clean)
        }
        Ok(Command::Check(args)) => check(&args, stdin, stdout, stderr),
        Ok(Command::Explain(args)) => explain(&args, stdin, stdout, stderr),
        Err(e) => {
            return refuse(
                stderr,
                &format!("{e}\nRun `{NAME} --help` for the arguments."),
            );
        }
    };
    outcome.unwrap_or_else(|e| refuse(stderr, &format!("cannot write the output: {e}.")))
}

/// `check`: its findings written, and the status they give.
fn check(
    args: &CheckArgs,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<Exit> {
    let checked = match check::run(args, stdin) {
        Ok(checked) => checked,
        Err(message) => return Ok(refuse(stderr, &message)),
    };
    let configuration = args.configuration.name();
    let guide = args.guide.name();
    match args.format {
        Format::Human => {
            output::human(stdout, &configuration, &checked)?;
            writeln!(
                stderr,
                "{}",
                output::summary(&configuration, &guide, &checked)
            )?;
        }
        Format::Json => output::json(stdout, &configuration, &guide, &checked)?,
    }
    Ok(if checked.report.findings.is_empty() {
        Exit::Clean
    } else {
        Exit::Findings
    })
}

/// `explain`: the explanation written, and the status it gives.
fn explain(
    args: &ExplainArgs,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<Exit> {
    let explained = match explain::run(args, stdin) {
        Ok(explained) => explained,
        Err(message) => return Ok(refuse(stderr, &message)),
    };
    let configuration = args.configuration.as_ref().map(Input::name);
    match args.format {
        Format::Human => explanation::human(stdout, configuration.as_deref(), &explained)?,
        Format::Json => explanation::json(
            stdout,
            &JsonExplanation {
                input: &args.error.name(),
                configuration: configuration.as_deref(),
                guide: args.guide.as_ref().map(Input::name).as_deref(),
                explanation: &explained,
            },
        )?,
    }
    Ok(if explained.outcome == Outcome::Recognised {
        Exit::Clean
    } else {
        Exit::Findings
    })
}

/// Says why the input is refused, on standard error, and gives [`Exit::BadInput`].
fn refuse(stderr: &mut dyn Write, message: &str) -> Exit {
    // Each line made printable: a message may quote a value or a file's name.
    let lines: Vec<String> = message.lines().map(output::printable).collect();
    // Nothing is left to tell the reader if standard error itself fails.
    let _ = writeln!(stderr, "{NAME}: {}", lines.join("\n"));
    Exit::BadInput
}
