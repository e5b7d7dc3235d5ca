//! Entry point of the UI binary: install the panic hook, take over the prerendered page.
//! Nothing else.

fn main() {
    console_error_panic_hook::set_once();
    guide_playground::app::take_over();
}
