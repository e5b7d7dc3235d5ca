//! What `authelia-check --help` says: what the command checks, its arguments, its exit
//! statuses and an example. The limits are the checker's and the guide engine's own
//! constants, so the text cannot fall out of step with them.

use guide_engine::MAX_GUIDE_BYTES;

use crate::configuration::MAX_CONFIGURATION_BYTES;

/// The help text.
pub fn text() -> String {
    format!(
        "\
authelia-check: checks an Authelia configuration against a Guide Playground guide and
your values, by the same rules and with the same rule ids as the guide's page does in
\"Check my configuration\".

USAGE
  authelia-check check --guide GUIDE.md [--value NAME=VALUE]... [--format human|json]
                       CONFIGURATION
  authelia-check --help | --version

CHECK
  Reads CONFIGURATION (Authelia's configuration.yml, or its identity_providers part, its
  oidc part, a clients list or one client; `-` reads standard input) and checks the
  guide's client in it, found by the client id in the guide's block, against that block
  with your values filled in; and the provider (hmac_secret, jwks keys), when the file
  holds it.

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

EXIT STATUS
  0  no finding
  1  one finding or more
  2  bad input, said on standard error: an unknown option or subcommand; a file that
     cannot be read, is not UTF-8 or is too large (a configuration over
     {MAX_CONFIGURATION_BYTES} bytes, a guide over {MAX_GUIDE_BYTES} bytes); a value the guide's
     variable refuses, or a name it does not have; a guide that does not parse or has
     no Authelia configuration block

EXAMPLE
  authelia-check check --guide guides/matomo.md \\
      --value domain=example.org --value client-id=matomo configuration.yml
"
    )
}
