//! A section of the build's markup that the app moves into one of its own elements (a
//! slot of a panel) and back out: "Check a digest" into the secret panel, "Fill in from my
//! configuration" into the values panel. Such a section lives outside the app's root, so
//! the takeover, which replaces what is inside the root, would lose it if it stood in a
//! slot: it is taken out first and kept ([`keep`]), then put in the slot while the
//! open guide has one ([`place`]). Once in a slot, it leaves the document with its panel,
//! where no id finds it, so the element itself is what is kept, by each section's module
//! ([`Kept`]).

use std::cell::RefCell;
use std::thread::LocalKey;

use super::{element, markup};

/// Where a section is kept: its module's own `thread_local`, empty until [`keep`] or
/// [`place`] first finds the section.
pub type Kept = RefCell<Option<web_sys::Element>>;

/// Takes the section with this id out of the document before the takeover clears what is
/// around it, into `kept`, to be put in a slot later ([`place`]), with anything typed into
/// it.
pub fn keep(id: &str, kept: &'static LocalKey<Kept>) {
    if let Some(section) = element(id) {
        section.remove();
        kept.set(Some(section));
    }
}

/// Moves the section with this id (as `kept` holds it, or as the document does until
/// then) into the element `slot`, shown, when `in_slot` and the page has that element;
/// otherwise back to the end of the body, hidden. Whether it is in the slot now: out of
/// it, its caller empties what the reader typed there.
pub fn place(id: &str, slot: &str, in_slot: bool, kept: &'static LocalKey<Kept>) -> bool {
    let section = kept.with_borrow_mut(|kept| {
        if kept.is_none() {
            *kept = element(id);
        }
        kept.clone()
    });
    let (Some(section), Some(body)) = (section, markup::body()) else {
        return false;
    };
    let slot = element(slot).filter(|_| in_slot);
    let _ = match &slot {
        Some(slot) => slot.append_child(&section),
        None => body.append_child(&section),
    };
    markup::set_class(id, "is-hidden", slot.is_none());
    slot.is_some()
}
