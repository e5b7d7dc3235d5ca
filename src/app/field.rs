//! One value the reader edits: a site variable (domain, client id, …) or the client
//! secret. The input is bound to [`Field::text`]; the value the guide shows and the
//! reason a text is refused are derived from it by the rules in [`crate::editing`].

use guide_engine::Variable;
use leptos::prelude::*;

use crate::editing::{next_value, refusal};

/// An editable value. Cheap to copy: every part lives in Leptos's arena.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    variable: StoredValue<Variable>,
    /// What the input holds; bind the input to it.
    pub text: RwSignal<String>,
    value: Memo<String>,
    error: Memo<Option<String>>,
}

impl Field {
    /// A field showing the variable's default.
    pub fn new(variable: Variable) -> Field {
        let text = RwSignal::new(variable.default.clone());
        let variable = StoredValue::new(variable);
        let value = Memo::new(move |previous: Option<&String>| {
            let previous = previous.map_or("", String::as_str);
            variable.with_value(|v| text.with(|t| next_value(v, t, previous)))
        });
        let error = Memo::new(move |_| {
            variable.with_value(|v| text.with(|t| refusal(v, t).map(|e| e.to_string())))
        });
        Field {
            variable,
            text,
            value,
            error,
        }
    }

    /// The input's binding: what it shows and what typing sets, as a pair, the one shape
    /// the page binds inputs with (one binding's code in the page, not one per kind of
    /// signal).
    pub fn binding(&self) -> (Signal<String>, WriteSignal<String>) {
        (self.text.into(), self.text.write_only())
    }

    /// The variable's name as the guide writes it (`domain`): its key in storage and
    /// in links.
    pub fn name(&self) -> String {
        self.variable.with_value(|v| v.name.clone())
    }

    /// Whether its value may leave the page's memory (storage, links): not a secret's.
    pub fn is_shareable(&self) -> bool {
        self.variable.with_value(crate::share::is_shareable)
    }

    /// The variable's name, label, kind and default.
    pub fn variable(&self) -> Variable {
        self.variable.get_value()
    }

    /// The reader's valid value, empty when the guide shows the default (tracked).
    pub fn value(&self) -> String {
        self.value.get()
    }

    /// [`Field::value`], untracked.
    pub fn value_untracked(&self) -> String {
        self.value.get_untracked()
    }

    /// [`Field::value`], untracked, or `None` once the field is gone with its guide (an
    /// answer from a worker may arrive after the reader opened another guide).
    pub fn value_try_untracked(&self) -> Option<String> {
        self.value.try_get_untracked()
    }

    /// Whether the guide shows a value of the reader's rather than the default (tracked).
    pub fn is_set(&self) -> bool {
        self.value.with(|v| !v.is_empty())
    }

    /// The value the guide shows: the reader's, else the default (tracked).
    pub fn current(&self) -> String {
        let value = self.value.get();
        if value.is_empty() {
            self.variable.with_value(|v| v.default.clone())
        } else {
            value
        }
    }

    /// Why the field's text is refused, if it is (tracked).
    pub fn error(&self) -> Option<String> {
        self.error.get()
    }

    /// Puts a text in the field as if the reader had typed it; an empty text shows the
    /// default.
    pub fn set_text(&self, text: &str) {
        if text.is_empty() {
            self.reset();
        } else {
            self.text.set(text.to_owned());
        }
    }

    /// Back to the default.
    pub fn reset(&self) {
        self.text
            .set(self.variable.with_value(|v| v.default.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use guide_engine::variables::describe;

    #[test]
    fn a_field_follows_its_text_through_typos_and_reset() {
        let owner = Owner::new();
        owner.with(|| {
            let field = Field::new(describe("domain", None));
            assert_eq!(field.current(), "example.com");
            field.set_text("example.org");
            assert_eq!(field.current(), "example.org");
            assert!(field.is_set());
            field.set_text("-bad-.org");
            assert_eq!(
                field.current(),
                "example.org",
                "the guide keeps the last valid value"
            );
            assert!(field.error().is_some_and(|e| e.contains("hyphen")));
            field.reset();
            assert_eq!(field.text.get(), "example.com");
            assert_eq!(field.current(), "example.com");
            assert_eq!(field.error(), None);
        });
    }
}
