//! Entry point of the UI binary: take over the prerendered page. Nothing else.

fn main() {
    guide_playground::app::take_over();
}
