//! Whether the pasted client's digest is of the reader's client secret: the finding
//! [`check`](super::check) cannot give, since it needs the secret, which the paste does
//! not hold. The page and the command-line checker both have the secret apart from the
//! paste (the page's secret field, a command-line option), and ask [`check_secret`]
//! after [`check`](super::check), with the work limits of where they run.
//!
//! A digest of another secret is the mismatch Authelia answers only with
//! `invalid_client` at the token endpoint, long after the configuration was written: the
//! reader is told here, at the digest's line.

use guide_secrets::{VerifyError, WorkLimits};

use super::{Finding, Report, Rule};

/// The finding about the report's digest and `secret`, if any: none when the report has
/// no digest (or no client), `secret` is empty, or the digest is of `secret`, as Authelia
/// would decide (`guide_secrets::verify_with_limits`). A digest that asks for more work
/// than `limits` allows, or cannot be computed, gives a finding that says it was not
/// checked, and why. Never panics; the time it takes is bounded by `limits`.
pub fn check_secret(report: &Report, secret: &str, limits: &WorkLimits) -> Option<Finding> {
    let (digest, line) = report.digest.as_ref().filter(|_| !secret.is_empty())?;
    let (rule, problem, fix) = match guide_secrets::verify_with_limits(digest, secret, limits) {
        Ok(verdict) if verdict.matches => return None,
        Ok(_) => (
            Rule::DigestNotOfSecret,
            "The `client_secret` digest is of another secret, not of the client secret given \
             here: Authelia would refuse the application with `invalid_client`."
                .to_owned(),
            "Put the digest of this client secret in `client_secret` and the same secret, in \
             plaintext, in the application, so the two agree.",
        ),
        Err(err) => (
            Rule::DigestNotChecked,
            format!(
                "The `client_secret` digest could not be checked against the client secret \
                 given here: {}",
                reason(&err)
            ),
            "Put in `client_secret` a digest with Authelia's default parameters (this page \
             computes one), or check this one with `authelia crypto hash validate`.",
        ),
    };
    Some(Finding {
        rule,
        line: *line,
        column: None,
        problem,
        fix: fix.to_owned(),
    })
}

/// Why a digest could not be checked, as one sentence ending with a full stop.
fn reason(err: &VerifyError) -> String {
    let said = err.to_string();
    if said.ends_with('.') {
        said
    } else {
        format!("{said}.")
    }
}

#[cfg(test)]
mod tests {
    use guide_engine::variables::{REFERENCE_DIGEST, REFERENCE_SECRET};

    use super::*;

    fn report(digest: Option<&str>) -> Report {
        Report {
            findings: Vec::new(),
            digest: digest.map(|d| (d.to_owned(), Some(7))),
            scope: "one client".into(),
        }
    }

    fn rule_and_line(finding: Option<Finding>) -> Option<(Rule, Option<u32>)> {
        finding.map(|f| (f.rule, f.line))
    }

    #[test]
    fn the_digest_of_the_secret_gives_no_finding() {
        let report = report(Some(REFERENCE_DIGEST));
        let finding = check_secret(&report, REFERENCE_SECRET, &WorkLimits::BROWSER);
        assert_eq!(finding, None);
    }

    #[test]
    fn another_secret_s_digest_is_a_finding_at_the_digest_s_line() {
        let report = report(Some(REFERENCE_DIGEST));
        let finding = check_secret(&report, "another_secret", &WorkLimits::BROWSER);
        assert_eq!(
            rule_and_line(finding),
            Some((Rule::DigestNotOfSecret, Some(7)))
        );
    }

    #[test]
    fn a_digest_over_the_limits_is_not_checked_and_says_so() {
        let report = report(Some(REFERENCE_DIGEST));
        let limits = WorkLimits {
            pbkdf2_iterations: 1000,
            ..WorkLimits::BROWSER
        };
        let finding = check_secret(&report, REFERENCE_SECRET, &limits);
        assert!(
            finding
                .as_ref()
                .is_some_and(|f| f.problem.contains("could not be checked")),
            "{finding:?}"
        );
        assert_eq!(
            rule_and_line(finding),
            Some((Rule::DigestNotChecked, Some(7)))
        );
    }

    #[test]
    fn no_secret_or_no_digest_gives_nothing_to_check() {
        let with_digest = report(Some(REFERENCE_DIGEST));
        assert_eq!(check_secret(&with_digest, "", &WorkLimits::BROWSER), None);
        let without = report(None);
        assert_eq!(
            check_secret(&without, REFERENCE_SECRET, &WorkLimits::BROWSER),
            None
        );
    }
}
