//! Entry point of the page's first module: the guide follows the reader's typing, and the
//! app is loaded when the page needs it (`early`). Nothing else.

fn main() {
    guide_playground::early::start();
}
