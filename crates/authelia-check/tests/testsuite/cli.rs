//! The `authelia-check` command: every fixture of tests/fixtures/configuration/ checked
//! against guides/matomo.md gives, in its JSON, exactly the rule ids and lines the
//! checker's own table lists, and the exit status that goes with them; the reader's values
//! change what is checked as they change the page's block; bad input exits 2 with a
//! message naming the problem (and a limit, before reading past it); the human output is
//! one finding a line; `--help` says what the command does. Most tests run the command's
//! `run` natively; `the_built_binary_…` tests run the binary cargo built.
//!
//! `explain`: every troubleshooter fixture is explained as its header says, exiting 0
//! when recognised and 1 when not; the configuration gives the keys to change at their
//! lines, and the guide's values the addresses compared; a paste over its limits exits 2.

use std::ffi::OsString;
use std::io::Read;
use std::process::{Command, Stdio};

use authelia_check::cli::{self, Exit};
use authelia_check::configuration::MAX_CONFIGURATION_BYTES;
use authelia_check::troubleshoot::{MAX_TROUBLESHOOT_BYTES, MAX_TROUBLESHOOT_LINES};
use guide_engine::MAX_GUIDE_BYTES;
use proptest::prelude::*;
use serde_json::Value;

use crate::configuration::expected_findings;
use crate::troubleshoot::fixtures as troubleshoot_fixtures;

/// The project's root, where guides/ and tests/fixtures/ live.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn matomo() -> String {
    format!("{ROOT}/guides/matomo.md")
}

fn fixture(name: &str) -> String {
    format!("{ROOT}/tests/fixtures/configuration/{name}")
}

/// What one run of the command gave.
struct Ran {
    exit: Exit,
    stdout: String,
    stderr: String,
}

/// Runs the command natively with these arguments and standard input.
fn run_with(args: &[&str], stdin: &[u8]) -> Ran {
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let exit = cli::run(
        args.iter().map(OsString::from),
        &mut &stdin[..],
        &mut stdout,
        &mut stderr,
    );
    Ran {
        exit,
        stdout: String::from_utf8(stdout).unwrap_or_else(|e| panic!("{args:?}: stdout: {e}")),
        stderr: String::from_utf8(stderr).unwrap_or_else(|e| panic!("{args:?}: stderr: {e}")),
    }
}

fn run(args: &[&str]) -> Ran {
    run_with(args, b"")
}

/// `check --format json` of a configuration file against the Matomo guide, with values.
fn json_check(configuration: &str, values: &[&str]) -> (Exit, Value) {
    let guide = matomo();
    let mut args = vec!["check", "--guide", &guide, "--format", "json"];
    for value in values {
        args.extend(["--value", value]);
    }
    args.push(configuration);
    let ran = run(&args);
    let json = serde_json::from_str(&ran.stdout)
        .unwrap_or_else(|e| panic!("{configuration}: {e}: {}{}", ran.stdout, ran.stderr));
    (ran.exit, json)
}

/// A JSON report's findings as (rule id, line).
fn rules_and_lines(json: &Value) -> Vec<(String, Option<u64>)> {
    let Some(findings) = json["findings"].as_array() else {
        panic!("no findings list: {json}");
    };
    findings
        .iter()
        .map(|f| {
            let Some(rule) = f["rule"].as_str() else {
                panic!("a finding without a rule id: {f}");
            };
            (rule.to_owned(), f["line"].as_u64())
        })
        .collect()
}

#[test]
fn every_fixture_s_json_lists_exactly_its_rules_and_lines_and_exits_by_them() {
    for (name, expected) in expected_findings() {
        let (exit, json) = json_check(&fixture(name), &[]);
        let expected: Vec<(String, Option<u64>)> = expected
            .iter()
            .map(|(rule, line)| ((*rule).to_owned(), line.map(u64::from)))
            .collect();
        assert_eq!(rules_and_lines(&json), expected, "{name}");
        let status = if expected.is_empty() {
            Exit::Clean
        } else {
            Exit::Findings
        };
        assert_eq!(exit, status, "{name}");
    }
}

#[test]
fn the_json_report_has_its_documented_shape() {
    let path = fixture("auth-method-differs.yml");
    let (exit, json) = json_check(&path, &[]);
    assert_eq!(exit, Exit::Findings);
    assert_eq!(json["configuration"], path.as_str());
    assert_eq!(json["guide"], matomo().as_str());
    assert_eq!(json["client_id"], "matomo");
    assert_eq!(json["scope"], "the whole configuration");
    let findings = json["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1);
    let finding = findings[0].as_object().expect("a finding is an object");
    let mut keys: Vec<&str> = finding.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["column", "fix", "line", "problem", "rule"]);
    assert_eq!(finding["rule"], "auth-method-differs");
    assert_eq!(finding["line"], 63);
    assert_eq!(finding["column"], Value::Null);
    assert!(
        finding["problem"]
            .as_str()
            .is_some_and(|p| p.contains("client_secret_post")),
        "{finding:?}"
    );
    assert!(
        finding["fix"]
            .as_str()
            .is_some_and(|f| f.contains("token_endpoint_auth_method")),
        "{finding:?}"
    );
}

#[test]
fn a_yaml_mistake_is_placed_at_its_line_and_column() {
    let (_, json) = json_check(&fixture("yaml-error.yml"), &[]);
    assert_eq!(json["findings"][0]["rule"], "yaml-error");
    assert_eq!(json["findings"][0]["line"], 7);
    assert_eq!(json["findings"][0]["column"], 8);
}

#[test]
fn a_finding_is_one_line_with_its_place_rule_problem_and_fix() {
    let path = fixture("auth-method-differs.yml");
    let ran = run(&["check", "--guide", &matomo(), &path]);
    assert_eq!(ran.exit, Exit::Findings);
    let lines: Vec<&str> = ran.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", ran.stdout);
    let prefix = format!("{path}:63: [auth-method-differs] ");
    assert!(lines[0].starts_with(&prefix), "{}", lines[0]);
    assert!(
        lines[0].contains(" Fix: Set `token_endpoint_auth_method"),
        "{}",
        lines[0]
    );
    assert!(
        ran.stderr.contains("checked the whole configuration")
            && ran.stderr.contains("client 'matomo': 1 finding."),
        "{}",
        ran.stderr
    );
}

#[test]
fn a_finding_with_a_column_or_about_the_whole_file_is_placed_so() {
    let guide = matomo();
    let yaml = fixture("yaml-error.yml");
    let ran = run(&["check", "--guide", &guide, &yaml]);
    assert!(
        ran.stdout
            .starts_with(&format!("{yaml}:7:8: [yaml-error] ")),
        "{}",
        ran.stdout
    );
    let empty = fixture("empty.yml");
    let ran = run(&["check", "--guide", &guide, &empty]);
    assert!(
        ran.stdout.starts_with(&format!("{empty}: [empty] ")),
        "{}",
        ran.stdout
    );
}

#[test]
fn a_correct_configuration_exits_0_with_nothing_on_standard_output() {
    let ran = run(&["check", "--guide", &matomo(), &fixture("correct-whole.yml")]);
    assert_eq!(ran.exit, Exit::Clean);
    assert_eq!(ran.stdout, "");
    assert!(ran.stderr.contains("no finding"), "{}", ran.stderr);
}

#[test]
fn the_reader_s_values_change_the_block_checked_against() {
    let correct = fixture("correct-whole.yml");
    // The application's address follows the domain, as on the page.
    let (exit, json) = json_check(&correct, &["domain=example.org"]);
    assert_eq!(exit, Exit::Findings);
    assert_eq!(
        rules_and_lines(&json),
        [("redirect-uri-differs".to_owned(), Some(51))]
    );
    assert!(
        json["findings"][0]["fix"]
            .as_str()
            .is_some_and(|f| f.contains("https://matomo.example.org/")),
        "{json}"
    );
    // Another client id is looked for, and missing.
    let (_, json) = json_check(&correct, &["client-id=other"]);
    assert_eq!(json["client_id"], "other");
    assert_eq!(
        rules_and_lines(&json),
        [("client-missing".to_owned(), Some(43))]
    );
    // The default, written out, or blank, is as if not given (the page's rule).
    for same in ["domain=example.com", "domain= example.com ", "domain="] {
        let (exit, json) = json_check(&correct, &[same]);
        assert_eq!(
            (exit, rules_and_lines(&json)),
            (Exit::Clean, vec![]),
            "{same}"
        );
    }
}

#[test]
fn authelia_s_address_from_the_reader_s_domain_is_held_to_the_session_cookies() {
    let cookies = fixture("correct-session-cookies.yml");
    // No domain given: the guide's example address is not the reader's, and is not held
    // to the file's cookies.
    let (exit, json) = json_check(&cookies, &[]);
    assert_eq!((exit, rules_and_lines(&json)), (Exit::Clean, vec![]));
    // Authelia's subdomain alone leaves the address on the guide's example domain.
    let (exit, json) = json_check(&cookies, &["subdomain-authelia=sso"]);
    assert_eq!((exit, rules_and_lines(&json)), (Exit::Clean, vec![]));
    let (_, json) = json_check(&cookies, &["domain=example.net"]);
    assert!(
        !rules_and_lines(&json)
            .iter()
            .any(|(rule, _)| rule.starts_with("issuer-")),
        "{json}"
    );
    let (_, json) = json_check(&cookies, &["domain=example.org"]);
    assert!(
        rules_and_lines(&json).contains(&("issuer-outside-cookie-domains".to_owned(), Some(7))),
        "{json}"
    );
}

#[test]
fn standard_input_is_read_for_a_dash() {
    let pasted = std::fs::read(fixture("auth-method-differs.yml")).expect("fixture");
    let ran = run_with(
        &["check", "--guide", &matomo(), "--format=json", "-"],
        &pasted,
    );
    assert_eq!(ran.exit, Exit::Findings);
    let json: Value = serde_json::from_str(&ran.stdout).expect("JSON");
    assert_eq!(json["configuration"], "-");
    assert_eq!(
        rules_and_lines(&json),
        [("auth-method-differs".to_owned(), Some(63))]
    );
}

/// Runs a command that must be refused, and gives its message.
fn refused(args: &[&str], stdin: &[u8]) -> String {
    let ran = run_with(args, stdin);
    assert_eq!(ran.exit, Exit::BadInput, "{args:?}: {}", ran.stderr);
    assert_eq!(ran.stdout, "", "{args:?}");
    assert!(ran.stderr.starts_with("authelia-check: "), "{}", ran.stderr);
    ran.stderr
}

#[test]
fn bad_arguments_exit_2_naming_the_argument() {
    let guide = matomo();
    let correct = fixture("correct-whole.yml");
    for (args, said) in [
        (vec![], "no subcommand"),
        (vec!["verify"], "unknown subcommand 'verify'"),
        (vec!["check", &correct], "needs --guide"),
        (
            vec!["check", "--guide", &guide],
            "needs the configuration file",
        ),
        (
            vec!["check", "--guide", &guide, "--strict", &correct],
            "unknown option '--strict'",
        ),
        (
            vec!["check", "--guide", &guide, "--format", "xml", &correct],
            "--format 'xml'",
        ),
        (
            vec!["check", "--guide", &guide, "--format"],
            "--format needs a value",
        ),
        (
            vec!["check", "--guide", &guide, "--guide", &guide, &correct],
            "--guide is given twice",
        ),
        (
            vec!["check", "--guide", &guide, "--value", "domain", &correct],
            "NAME=VALUE",
        ),
        (
            vec!["check", "--guide", &guide, &correct, &correct],
            "a second configuration",
        ),
        (vec!["check", "--guide", "-", "-"], "both be standard input"),
    ] {
        let message = refused(&args, b"");
        assert!(message.contains(said), "{args:?}: {message}");
        assert!(message.contains("--help"), "{message}");
    }
}

#[test]
fn a_value_the_guide_refuses_exits_2_with_the_page_s_reason() {
    let guide = matomo();
    let correct = fixture("correct-whole.yml");
    let check = |value: &str| {
        refused(
            &["check", "--guide", &guide, "--value", value, &correct],
            b"",
        )
    };
    let message = check("domain=exa mple.org");
    assert!(
        message.contains("domain='exa mple.org'") && message.contains("not allowed"),
        "{message}"
    );
    let message = check("colour=blue");
    assert!(
        message.contains("no such variable") && message.contains("client-id"),
        "{message}"
    );
    let message = check("client-secret=hunter2");
    assert!(message.contains("not taken"), "{message}");
    let message = refused(
        &[
            "check",
            "--guide",
            &guide,
            "--value",
            "domain=a.org",
            "--value",
            "domain=b.org",
            &correct,
        ],
        b"",
    );
    assert!(message.contains("given twice"), "{message}");
}

#[test]
fn a_guide_that_does_not_parse_or_has_no_block_exits_2() {
    let correct = fixture("correct-whole.yml");
    let message = refused(
        &["check", "--guide", "-", &correct],
        b"---\ntitle: [\n---\nbody\n",
    );
    assert!(
        message.contains("the guide does not parse") && message.contains("line"),
        "{message}"
    );
    let message = refused(
        &["check", "--guide", "-", &correct],
        b"# Only words\n\nNo block.\n",
    );
    assert!(
        message.contains("no Authelia configuration block"),
        "{message}"
    );
}

#[test]
fn an_unreadable_file_exits_2_naming_it() {
    let missing = fixture("no-such-file.yml");
    let message = refused(&["check", "--guide", &matomo(), &missing], b"");
    assert!(
        message.contains(&missing) && message.contains("cannot be opened"),
        "{message}"
    );
    let folder = format!("{ROOT}/tests/fixtures/configuration");
    let message = refused(
        &["check", "--guide", &folder, &fixture("correct-whole.yml")],
        b"",
    );
    assert!(message.contains("is a folder"), "{message}");
    let message = refused(
        &["check", "--guide", &matomo(), "-"],
        b"client_id: '\xff'\n",
    );
    assert!(message.contains("not UTF-8"), "{message}");
}

/// A scratch file of `len` bytes (sparse: nothing is written), removed when dropped.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn of_len(name: &str, len: usize) -> Scratch {
        let path =
            std::env::temp_dir().join(format!("authelia-check-{}-{name}", std::process::id()));
        let sized = std::fs::File::create(&path)
            .and_then(|file| file.set_len(u64::try_from(len).unwrap_or(u64::MAX)));
        if let Err(e) = sized {
            panic!("{}: {e}", path.display());
        }
        Scratch(path)
    }

    fn path(&self) -> &str {
        let Some(path) = self.0.to_str() else {
            panic!("{}: not a UTF-8 path", self.0.display());
        };
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn a_file_over_its_limit_is_refused_naming_the_limit() {
    let big = Scratch::of_len("big.yml", MAX_CONFIGURATION_BYTES + 1);
    let message = refused(&["check", "--guide", &matomo(), big.path()], b"");
    assert!(
        message.contains(&format!("{} bytes", MAX_CONFIGURATION_BYTES + 1))
            && message.contains(&format!("at most {MAX_CONFIGURATION_BYTES} bytes"))
            && message.contains("MAX_CONFIGURATION_BYTES"),
        "{message}"
    );
    let guide = Scratch::of_len("big.md", MAX_GUIDE_BYTES + 1);
    let message = refused(
        &[
            "check",
            "--guide",
            guide.path(),
            &fixture("correct-whole.yml"),
        ],
        b"",
    );
    assert!(
        message.contains("MAX_GUIDE_BYTES") && message.contains("guide"),
        "{message}"
    );
    // Exactly at the limit is read and checked (it is blank: the `empty` finding).
    let full = Scratch::of_len("full.yml", MAX_CONFIGURATION_BYTES);
    let ran = run(&["check", "--guide", &matomo(), full.path()]);
    assert_eq!(ran.exit, Exit::Findings, "{}", ran.stderr);
}

/// An endless standard input that counts what is read from it.
struct Endless {
    read: usize,
}

impl Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        buf.fill(b'#');
        self.read += buf.len();
        Ok(buf.len())
    }
}

#[test]
fn an_endless_standard_input_is_refused_after_one_byte_past_the_limit() {
    let mut stdin = Endless { read: 0 };
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let args = ["check", "--guide", &matomo(), "-"].map(OsString::from);
    let exit = cli::run(args, &mut stdin, &mut stdout, &mut stderr);
    assert_eq!(exit, Exit::BadInput);
    assert_eq!(stdin.read, MAX_CONFIGURATION_BYTES + 1);
    let message = String::from_utf8_lossy(&stderr);
    assert!(
        message.contains(&format!("more than {MAX_CONFIGURATION_BYTES} bytes")),
        "{message}"
    );
}

#[test]
fn a_configuration_s_control_characters_cannot_break_a_line_or_reach_the_terminal() {
    let pasted = "- client_id: \"\\e[2Jgone\\nnext\"\n  public: true\n";
    let ran = run_with(&["check", "--guide", &matomo(), "-"], pasted.as_bytes());
    assert_eq!(ran.exit, Exit::Findings);
    assert!(!ran.stdout.contains('\u{1b}'), "{:?}", ran.stdout);
    let lines: Vec<&str> = ran.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{:?}", ran.stdout);
    assert!(lines[0].contains(r"\u{1b}[2Jgone\nnext"), "{}", lines[0]);
}

#[test]
fn help_says_what_is_checked_the_arguments_the_exit_statuses_and_an_example() {
    for args in [&["--help"][..], &["-h"], &["help"], &["check", "--help"]] {
        let ran = run(args);
        assert_eq!(ran.exit, Exit::Clean, "{args:?}");
        for said in [
            "Check my configuration",
            "--guide GUIDE.md",
            "--value NAME=VALUE",
            "--format human|json",
            "EXIT STATUS",
            "0  check: no finding; explain: the error is recognised",
            "1  check: one finding or more; explain: the error is not recognised",
            "2  bad input",
            &MAX_CONFIGURATION_BYTES.to_string(),
            &MAX_TROUBLESHOOT_LINES.to_string(),
            "EXAMPLES",
            "authelia-check check --guide guides/matomo.md",
            "authelia-check explain [--configuration CONFIGURATION]",
        ] {
            assert!(ran.stdout.contains(said), "{args:?} lacks {said:?}");
        }
    }
    let ran = run(&["--version"]);
    assert_eq!(
        ran.stdout,
        format!("authelia-check {}\n", env!("CARGO_PKG_VERSION"))
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any arguments: the parser answers, never panics, and refuses an option it does
    /// not know.
    #[test]
    fn any_arguments_are_read_or_refused_without_panic(
        args in proptest::collection::vec(
            prop_oneof![
                Just("check".to_owned()),
                Just("--guide".to_owned()),
                Just("--value".to_owned()),
                Just("--format".to_owned()),
                Just("json".to_owned()),
                Just("-".to_owned()),
                Just("--".to_owned()),
                Just("--format=".to_owned()),
                "[-=a-z]{0,8}",
                any::<String>(),
            ],
            0..8,
        )
    ) {
        let parsed = cli::parse(args.iter().map(OsString::from));
        let unknown = args.iter().take_while(|a| *a != "--").any(|a| a == "--bogus");
        if unknown && !args.iter().any(|a| a == "--help" || a == "-h") {
            prop_assert!(parsed.is_err());
        }
    }
}

/// Runs the binary cargo built, with the project's root as its working folder.
fn binary(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_authelia-check"))
        .args(args)
        .current_dir(ROOT)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("the binary does not run: {e}"))
}

#[test]
fn the_built_binary_exits_by_its_findings_and_writes_json() {
    let guide = "guides/matomo.md";
    let broken = "tests/fixtures/configuration/public-with-secret.yml";
    let out = binary(&["check", "--guide", guide, "--format", "json", broken]);
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON on standard output");
    assert_eq!(json["configuration"], broken);
    assert_eq!(
        rules_and_lines(&json),
        [
            ("public-with-secret".to_owned(), Some(5)),
            ("public-differs".to_owned(), Some(6)),
            ("auth-method-differs".to_owned(), Some(22)),
        ]
    );
    let correct = "tests/fixtures/configuration/correct-whole.yml";
    let out = binary(&["check", "--guide", guide, correct]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn the_built_binary_exits_2_on_bad_input_saying_why() {
    let out = binary(&["check", "--guide", "guides/matomo.md", "--strict", "x.yml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown option '--strict'"), "{stderr}");
}

#[test]
fn options_take_their_value_after_a_space_or_an_equals_sign_and_dash_dash_ends_them() {
    use authelia_check::cli::{CheckArgs, Command as Parsed, Format, Input};
    let parsed = cli::parse(
        [
            "check",
            "--guide=g.md",
            "--value",
            "domain=example.org",
            "--value=client-id=a=b",
            "--format=json",
            "--",
            "-odd.yml",
        ]
        .map(OsString::from),
    );
    assert_eq!(
        parsed,
        Ok(Parsed::Check(CheckArgs {
            guide: Input::File("g.md".into()),
            values: vec![
                ("domain".into(), "example.org".into()),
                ("client-id".into(), "a=b".into()),
            ],
            format: Format::Json,
            configuration: Input::File("-odd.yml".into()),
        }))
    );
}

fn homelab() -> String {
    format!("{ROOT}/tests/fixtures/troubleshoot/configuration/homelab.yml")
}

fn troubleshoot_fixture(name: &str) -> String {
    format!("{ROOT}/tests/fixtures/troubleshoot/{name}")
}

/// `explain --format json` with these arguments and the error on standard input.
fn json_explain(args: &[&str], error: &str) -> (Exit, Value) {
    let mut all = vec!["explain", "--format", "json"];
    all.extend(args);
    let ran = run_with(&all, error.as_bytes());
    let json = serde_json::from_str(&ran.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}{}", ran.stdout, ran.stderr));
    (ran.exit, json)
}

#[test]
fn every_troubleshoot_fixture_is_explained_as_its_header_says_and_exits_by_it() {
    let fixtures = troubleshoot_fixtures();
    assert!(fixtures.len() > 50, "{} fixtures", fixtures.len());
    for fixture in fixtures {
        let (exit, json) = json_explain(&[], &fixture.paste);
        assert_eq!(json["input"], "-", "{}", fixture.name);
        let explanation = &json["explanation"];
        if fixture.expect == "not-recognised" {
            assert_eq!(explanation["outcome"], "not-recognised", "{}", fixture.name);
            assert_eq!(explanation["id"], Value::Null, "{}", fixture.name);
            assert_eq!(exit, Exit::Findings, "{}", fixture.name);
        } else {
            assert_eq!(explanation["outcome"], "recognised", "{}", fixture.name);
            assert_eq!(
                explanation["id"],
                fixture.expect.as_str(),
                "{}",
                fixture.name
            );
            assert_eq!(exit, Exit::Clean, "{}", fixture.name);
        }
    }
}

#[test]
fn with_the_configuration_explain_names_the_key_to_change_at_its_line() {
    let configuration = homelab();
    let error = troubleshoot_fixture("auth-method-mismatch.log.4-39.txt");
    let guide = matomo();
    let (exit, json) = json_explain(
        &["--configuration", &configuration, "--guide", &guide, &error],
        "",
    );
    assert_eq!(exit, Exit::Clean);
    assert_eq!(json["input"], error.as_str());
    assert_eq!(json["configuration"], configuration.as_str());
    assert_eq!(json["guide"], guide.as_str());
    let change = &json["explanation"]["changes"][0];
    assert_eq!(change["key"], "token_endpoint_auth_method");
    assert_eq!(change["line"], 28);
    assert_eq!(change["from"], "client_secret_basic");
    assert_eq!(change["to"], "client_secret_post");
    // For people: the title with its id, then the change at its place.
    let ran = run(&["explain", "--configuration", &configuration, &error]);
    assert_eq!(ran.exit, Exit::Clean, "{}", ran.stderr);
    let mut lines = ran.stdout.lines();
    assert!(
        lines
            .next()
            .is_some_and(|l| l.starts_with("[auth-method-mismatch] ")),
        "{}",
        ran.stdout
    );
    let at = format!(
        "  Change: {configuration}:28: `token_endpoint_auth_method` 'client_secret_basic' → \
         'client_secret_post'. "
    );
    assert!(lines.any(|l| l.starts_with(&at)), "{}", ran.stdout);
    // Without the configuration there is nothing to change.
    let (_, json) = json_explain(&[&error], "");
    assert_eq!(json["explanation"]["changes"], Value::Array(Vec::new()));
    assert_eq!(json["configuration"], Value::Null);
}

#[test]
fn the_guide_s_values_give_the_application_s_address_compared() {
    let configuration = homelab();
    let error = troubleshoot_fixture("redirect-uri-mismatch.log.4-39.txt");
    let guide = matomo();
    // Not example.com: the guide's own domain is its default, which the reader has not
    // given (`without_the_reader_s_domain_the_guide_s_example_addresses_are_not_theirs`).
    for (domain, address) in [
        ("home.arpa", "`https://matomo.home.arpa/`"),
        ("example.org", "`https://matomo.example.org/`"),
    ] {
        let value = format!("domain={domain}");
        let (_, json) = json_explain(
            &[
                "--configuration",
                &configuration,
                "--guide",
                &guide,
                "--value",
                &value,
                &error,
            ],
            "",
        );
        let explanation = &json["explanation"];
        assert_eq!(explanation["id"], "redirect-uri-mismatch");
        let notes = explanation["notes"].to_string();
        assert!(
            notes.contains(&format!("your application's address {address}")),
            "{domain}: {notes}"
        );
        assert_eq!(explanation["redirect"]["entries"][0]["line"], 22);
        assert_eq!(
            explanation["redirect"]["entries"][0]["difference"]["part"],
            "scheme"
        );
    }
}

#[test]
fn without_the_reader_s_domain_the_guide_s_example_addresses_are_not_theirs() {
    // The reader is at home.arpa but gave the guide and no values: the guide's own
    // example.com is no address of theirs to compare with or to tell them to set.
    let error = std::fs::read_to_string(troubleshoot_fixture("redirect-uri-mismatch.log.4-39.txt"))
        .unwrap_or_else(|e| panic!("{e}"))
        .replace("example.com", "home.arpa");
    let guide = matomo();
    let (_, json) = json_explain(&["--guide", &guide, "-"], &error);
    let explanation = &json["explanation"];
    assert_eq!(explanation["id"], "redirect-uri-mismatch");
    assert!(!json.to_string().contains("example.com"), "{json:#}");
    // Authelia's subdomain alone leaves the application's address the guide's example.
    let (_, json) = json_explain(
        &["--guide", &guide, "--value", "subdomain-authelia=sso", "-"],
        &error,
    );
    assert!(
        !json["explanation"]["notes"]
            .to_string()
            .contains("matomo.example.com"),
        "{json:#}"
    );
    // With a domain given, the same guide's address is compared.
    let (_, json) = json_explain(
        &["--guide", &guide, "--value", "domain=example.org", "-"],
        &error,
    );
    assert!(
        json["explanation"]["notes"]
            .to_string()
            .contains("your application's address `https://matomo.example.org/"),
        "{json:#}"
    );
}

#[test]
fn explain_refuses_bad_input_with_exit_2() {
    let guide = matomo();
    for (args, said) in [
        (
            vec!["explain", "--value", "domain=example.org"],
            "--value needs --guide",
        ),
        (
            vec!["explain", "--configuration", "-"],
            "only one of the error",
        ),
        (
            vec!["explain", "--guide", "-", "-"],
            "only one of the error",
        ),
        (
            vec!["explain", "--strict"],
            "unknown option '--strict' for `explain`",
        ),
        (vec!["explain", "a.txt", "b.txt"], "a second error file"),
    ] {
        let message = refused(&args, b"");
        assert!(message.contains(said), "{args:?}: {message}");
    }
    let message = refused(&["explain", "--guide", &guide, "--value", "port=0"], b"x");
    assert!(message.contains("no such variable"), "{message}");
    let lines = "level=error msg=x\n".repeat(MAX_TROUBLESHOOT_LINES);
    let message = refused(&["explain"], lines.as_bytes());
    assert!(
        message.contains("MAX_TROUBLESHOOT_LINES")
            && message.contains(&MAX_TROUBLESHOOT_LINES.to_string()),
        "{message}"
    );
    let big = Scratch::of_len("big.log", MAX_TROUBLESHOOT_BYTES + 1);
    let message = refused(&["explain", big.path()], b"");
    assert!(
        message.contains("MAX_TROUBLESHOOT_BYTES")
            && message.contains(&format!("{} bytes", MAX_TROUBLESHOOT_BYTES + 1)),
        "{message}"
    );
}

#[test]
fn the_built_binary_explains_an_error_from_standard_input() {
    let error = std::fs::read(troubleshoot_fixture("auth-method-mismatch.log.4-39.txt"))
        .unwrap_or_else(|e| panic!("fixture: {e}"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_authelia-check"))
        .args(["explain", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("the binary does not run: {e}"));
    if let Some(mut stdin) = child.stdin.take() {
        std::io::Write::write_all(&mut stdin, &error).unwrap_or_else(|e| panic!("stdin: {e}"));
    }
    let out = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("the binary: {e}"));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("JSON: {e}"));
    assert_eq!(json["explanation"]["id"], "auth-method-mismatch");
}

#[test]
fn without_the_sent_address_the_output_compares_with_the_application_s_address_and_says_so() {
    // Authelia's error page names no redirect URI, so the entries are compared with the
    // application's address, by origin only: the output must not call that address the
    // one sent, nor an entry with another path "the same".
    let configuration = homelab();
    let error = troubleshoot_fixture("redirect-uri-mismatch.page-address.4-39.txt");
    let guide = matomo();
    // The reader's application address, on the home lab's host (given, so not the
    // guide's example, which is compared with nothing).
    let ran = run(&[
        "explain",
        "--configuration",
        &configuration,
        "--guide",
        &guide,
        "--value",
        "application-url=https://matomo.example.com/index.php",
        &error,
    ]);
    assert_eq!(ran.exit, Exit::Clean, "{}", ran.stderr);
    assert!(!ran.stdout.contains("Redirect URI sent"), "{}", ran.stdout);
    assert!(
        ran.stdout.contains(
            "  Application's address (the message names no redirect URI): https://matomo.example.com/index.php"
        ),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout.contains(&format!(
            "  Registered: {configuration}:22: https://matomo.example.com/index.php?module=LoginOIDC&action=callback&provider=oidc: the same scheme, host and port as the application"
        )),
        "{}",
        ran.stdout
    );
    assert!(!ran.stdout.contains(": the same\n"), "{}", ran.stdout);
}
