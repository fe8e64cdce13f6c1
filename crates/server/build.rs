// Rebuild when a migration is added: `sqlx::migrate!` embeds the folder,
// but cargo does not know to watch it.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
