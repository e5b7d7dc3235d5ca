//! The languages the lexer knows, by the names guides give their fences, and what sets
//! each apart: its comments, punctuation, words and how it names a key. Authelia's
//! client guides fence YAML, shell (`shell`, `bash`, `sh`, `console`), JSON, ini, TOML,
//! PHP and nginx; every other block stays plain text.

use super::lexer::{KeyRule, Rules};

/// A language the lexer knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// `yaml`, `yml`.
    Yaml,
    /// `shell`, `bash`, `sh`, `console`, `zsh`, `env`, `dotenv`.
    Shell,
    /// `json`, `jsonc`, `json5`.
    Json,
    /// `ini`, `cfg`, `conf`, `properties`.
    Ini,
    /// `toml`.
    Toml,
    /// `php`.
    Php,
    /// `nginx`.
    Nginx,
}

impl Language {
    /// The language a fence names, in any case; `None` for one the lexer does not know.
    pub fn from_fence(name: &str) -> Option<Language> {
        let name = name.to_ascii_lowercase();
        Some(match name.as_str() {
            "yaml" | "yml" => Language::Yaml,
            "shell" | "bash" | "sh" | "console" | "zsh" | "env" | "dotenv" => Language::Shell,
            "json" | "jsonc" | "json5" => Language::Json,
            "ini" | "cfg" | "conf" | "properties" => Language::Ini,
            "toml" => Language::Toml,
            "php" => Language::Php,
            "nginx" => Language::Nginx,
            _ => return None,
        })
    }

    /// How the lexer reads it.
    pub(super) fn rules(self) -> &'static Rules {
        match self {
            Language::Yaml => &YAML,
            Language::Shell => &SHELL,
            Language::Json => &JSON,
            Language::Ini => &INI,
            Language::Toml => &TOML,
            Language::Php => &PHP,
            Language::Nginx => &NGINX,
        }
    }
}

const YAML: Rules = Rules {
    comments: &["#"],
    comments_open_lines: false,
    block_comments: false,
    punctuation: b"[]{},",
    keywords: &["true", "false", "yes", "no", "on", "off", "null", "~"],
    key: KeyRule::Colon,
    single_quote_escapes: false,
    sections: false,
    yaml: true,
    dollar_names: false,
};

const SHELL: Rules = Rules {
    comments: &["#"],
    comments_open_lines: false,
    block_comments: false,
    punctuation: b"|&;()<>=",
    keywords: &[
        "export", "sudo", "echo", "cd", "if", "then", "else", "elif", "fi", "for", "in", "do",
        "done", "while", "case", "esac", "set", "unset", "exit",
    ],
    key: KeyRule::Assign,
    single_quote_escapes: false,
    sections: false,
    yaml: false,
    dollar_names: true,
};

const JSON: Rules = Rules {
    comments: &[],
    comments_open_lines: false,
    block_comments: false,
    punctuation: b"{}[],:",
    keywords: &["true", "false", "null"],
    key: KeyRule::Colon,
    single_quote_escapes: true,
    sections: false,
    yaml: false,
    dollar_names: false,
};

const INI: Rules = Rules {
    comments: &[";", "#"],
    comments_open_lines: true,
    block_comments: false,
    punctuation: b"=",
    keywords: &["true", "false", "yes", "no", "on", "off"],
    key: KeyRule::Equals,
    single_quote_escapes: false,
    sections: true,
    yaml: false,
    dollar_names: false,
};

const TOML: Rules = Rules {
    comments: &["#"],
    comments_open_lines: false,
    block_comments: false,
    punctuation: b"=[]{},",
    keywords: &["true", "false"],
    key: KeyRule::Equals,
    single_quote_escapes: false,
    sections: true,
    yaml: false,
    dollar_names: false,
};

const PHP: Rules = Rules {
    comments: &["//", "#"],
    comments_open_lines: false,
    block_comments: true,
    punctuation: b"()[]{};,=>",
    keywords: &[
        "return",
        "array",
        "true",
        "false",
        "null",
        "new",
        "function",
        "use",
        "require",
        "require_once",
        "include",
        "echo",
        "if",
        "else",
        "define",
    ],
    key: KeyRule::Arrow,
    single_quote_escapes: true,
    sections: false,
    yaml: false,
    dollar_names: true,
};

const NGINX: Rules = Rules {
    comments: &["#"],
    comments_open_lines: false,
    block_comments: false,
    punctuation: b";{}",
    keywords: &["on", "off"],
    key: KeyRule::Statement,
    single_quote_escapes: true,
    sections: false,
    yaml: false,
    dollar_names: true,
};
