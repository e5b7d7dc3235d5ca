//! Entry point of the app, which the page's first module loads (`early::load`):
//! take over the prerendered page. Nothing else.

fn main() {
    guide_playground::app::take_over();
}
