//! The page's colours: the system's scheme unless the reader (or a link's `?theme=`)
//! chose light or dark.
//!
//! The choice is applied before the first paint by the page's head script (index.html),
//! which sets `data-theme` on `<html>`; the style sheet reads it. The toggle starts from
//! that attribute, so there is one place that decides the initial colours.

use leptos::prelude::*;

use super::browser;

/// Where the page keeps the reader's choice (not a site variable). The head script in
/// index.html reads the same key.
pub const THEME_KEY: &str = "guide-playground-theme";

/// The attribute of `<html>` the style sheet reads.
const THEME_ATTRIBUTE: &str = "data-theme";

/// The reader's choice of colours, as `<html data-theme>` and the stored preference say
/// it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system.
    #[default]
    System,
    /// Light, whatever the system says.
    Light,
    /// Dark, whatever the system says.
    Dark,
}

impl Theme {
    /// The scheme named by a `data-theme` value or a stored choice; the system's for
    /// anything else.
    pub fn from_attribute(value: Option<&str>) -> Theme {
        match value {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::System,
        }
    }

    /// The `data-theme` value, none for the system's scheme.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }

    /// What the toggle switches to: system → dark → light → system.
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Dark,
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::System,
        }
    }

    /// What the toggle says while this scheme is on ("Colours: dark").
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "Colours: system",
            Theme::Light => "Colours: light",
            Theme::Dark => "Colours: dark",
        }
    }
}

/// Cycles the colour scheme and remembers the choice in this browser.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(Theme::System);
    // After the takeover: start from what the head script applied.
    Effect::new(move |_| {
        let applied = browser::markup::element_attribute_of_root(THEME_ATTRIBUTE);
        theme.set(Theme::from_attribute(applied.as_deref()));
    });
    let cycle = move |_| {
        let next = theme.get_untracked().next();
        theme.set(next);
        browser::markup::set_root_attribute(THEME_ATTRIBUTE, next.attribute());
        browser::storage::store_preference(THEME_KEY, next.attribute().unwrap_or("system"));
    };
    view! {
        // The id lets a press before the app is there be pressed again (early::load).
        <button type="button" id="gp-theme-toggle" class="theme-toggle needs-script" on:click=cycle>
            {move || theme.get().label()}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_toggle_cycles_through_every_scheme_and_back() {
        let mut seen = vec![Theme::System];
        for _ in 0..3 {
            let next = seen.last().copied().unwrap_or_default().next();
            seen.push(next);
        }
        assert_eq!(
            seen,
            [Theme::System, Theme::Dark, Theme::Light, Theme::System]
        );
    }

    #[test]
    fn attributes_round_trip_and_anything_else_means_the_system() {
        for theme in [Theme::System, Theme::Light, Theme::Dark] {
            assert_eq!(Theme::from_attribute(theme.attribute()), theme);
        }
        assert_eq!(Theme::from_attribute(Some("purple")), Theme::System);
    }
}
