//! The empty-window floor the app's benchmark compares against.
fn main() {
    jifenbu_app::run_floor()
}
