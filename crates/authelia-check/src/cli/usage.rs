//! What `authelia-check --help` says: what the command checks and explains, its
//! arguments, its exit statuses and examples. The limits are the checker's and the guide engine's own
//! constants, so the text cannot fall out of step with them.

use guide_engine::MAX_GUIDE_BYTES;

use crate::configuration::MAX_CONFIGURATION_BYTES;
use crate::troubleshoot::{MAX_TROUBLESHOOT_BYTES, MAX_TROUBLESHOOT_LINES};

/// The help text.
pub fn text() -> String {
    format!(
        "\
authelia-check: checks an Authelia configuration against a Guide Playground guide and
your values, by the same rules and with the same rule ids as the guide's page does in
\"Check my configuration\"; and explains the error a failed sign-in gave, as the page's
troubleshooter does.

USAGE
  authelia-check check --guide GUIDE.md [--value NAME=VALUE]... [--format human|json]
                       CONFIGURATION
  authelia-check explain [--configuration CONFIGURATION] [--guide GUIDE.md
                         [--value NAME=VALUE]...] [--format human|json] [ERROR]
  authelia-check --help | --version

CHECK
  Reads CONFIGURATION (Authelia's configuration.yml, or its identity_providers part, its
  oidc part, a clients list or one client; `-` reads standard input) and checks the
  guide's client in it, found by the client id in the guide's block, against that block
  with your values filled in, and against what the guide says of the application (the
  claims it needs in the ID token); the provider (hmac_secret, jwks keys), when the file
  holds it; and, once you give domain, Authelia's address against
  the file's session.cookies, as Authelia's issuer check matches them.

  --guide GUIDE.md      The guide, in markdown (as guides/*.md). Required.
  --value NAME=VALUE    One of your values, named as the guide's variable (as on its
                        page): domain=example.org, client-id=matomo, … Repeat it for each
                        value; a value not given is the guide's default. The guide's
                        variable must accept it. The client secret is not taken: the
                        check needs only the digest in the configuration.
  --format human|json   human (the default): one finding a line on standard output,
                          FILE:LINE[:COLUMN]: [RULE-ID] PROBLEM Fix: FIX
                        (FILE: [RULE-ID] … for a finding about the whole file), and a
                        summary line on standard error.
                        json: one JSON object on standard output:
                          {{\"configuration\": FILE, \"guide\": FILE, \"client_id\": ID,
                           \"scope\": WHAT THE FILE HELD,
                           \"findings\": [{{\"rule\": RULE-ID, \"line\": N or null,
                                         \"column\": N or null, \"problem\": TEXT,
                                         \"fix\": TEXT}}, …]}}
                        Fields may be added to it; none is renamed or removed.

EXPLAIN
  Reads ERROR (`-` or nothing: standard input): what you saw when signing in failed,
  Authelia's log lines (text or JSON), its error page's text or address, the
  application's callback address or its log of the token answer. Says what happened,
  the cause and the fix, and with your configuration the keys to change, at their lines.

  --configuration FILE  Your Authelia configuration (any part `check` takes), to name
                        the keys to change and compare the redirect URIs.
  --guide GUIDE.md      The guide, for the client id and the addresses your values
                        give (Authelia's, the application's).
  --value NAME=VALUE    As for `check`; needs --guide.
  --format human|json   human (the default): a title line `[ID] TITLE`, then labelled
                        lines (What happened, Cause, Fix; Change: FILE:LINE: … for
                        each key to change).
                        json: {{\"input\": FILE, \"configuration\": FILE or null,
                         \"guide\": FILE or null, \"explanation\": {{\"outcome\",
                         \"id\", \"title\", \"shape\", \"endpoint\", \"error\",
                         \"description\", \"wording\", \"happened\", \"cause\", \"fix\",
                         \"evidence\", \"look_for\", \"changes\": [{{\"key\", \"line\",
                         \"from\", \"to\", \"sentence\"}}], \"redirect\", \"notes\"}}}}

EXIT STATUS
  0  check: no finding; explain: the error is recognised
  1  check: one finding or more; explain: the error is not recognised (what was found
     in it is still written)
  2  bad input, said on standard error: an unknown option or subcommand; a file that
     cannot be read, is not UTF-8 or is too large (a configuration over
     {MAX_CONFIGURATION_BYTES} bytes, a guide over {MAX_GUIDE_BYTES} bytes, an error over
     {MAX_TROUBLESHOOT_BYTES} bytes or {MAX_TROUBLESHOOT_LINES} lines); a value the guide's
     variable refuses, or a name it does not have; a guide that does not parse or has
     no Authelia configuration block

EXAMPLES
  authelia-check check --guide guides/matomo.md \\
      --value domain=example.org --value client-id=matomo configuration.yml
  docker logs authelia 2>&1 | grep level=error | tail -n 5 | \\
      authelia-check explain --configuration configuration.yml
"
    )
}
