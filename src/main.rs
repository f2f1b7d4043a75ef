//! The `loclint` binary: parses the command line and maps the outcome to an exit code.

/// mimalloc: the engine allocates many small strings per article on every thread; measured on
/// the corpus it cuts the run's instructions and wall time (see the README's benchmark). Built
/// without transparent huge pages (`no_thp` in Cargo.toml): with them, its partly used 2 MB
/// pages took a run on the corpus from 48 MB to 82 MB.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    loclint::cli::run()
}
