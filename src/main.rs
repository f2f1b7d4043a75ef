//! The `loclint` binary: parses the command line and maps the outcome to an exit code.

/// mimalloc: the engine allocates many small strings per article on every thread; measured on
/// the corpus it cuts the run's instructions and wall time (see the README's benchmark). Built
/// without transparent huge pages (`no_thp` in Cargo.toml): with them, the partly used 2 MB
/// pages of its heap were 35 MB of a 48 MB run on the corpus.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    loclint::cli::run()
}
