//! The `casenotes` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    casenotes::cli::main()
}
