//! Entry point of the hashing Web Worker.

fn main() {
    console_error_panic_hook::set_once();
}
