//! The progress bar of long runs: the engine counts checked articles, a drawing thread shows
//! them on stderr once a run has taken 2 s, and clears its line before the report prints. Shown
//! only on a terminal and never in CI (`CI` set), so logs and pipes never hold it.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// How long a run goes before the bar appears.
const DELAY: Duration = Duration::from_secs(2);
/// How often the bar is redrawn.
const TICK: Duration = Duration::from_millis(100);

/// Articles checked of those planned; shared by the engine's workers and the drawing thread.
#[derive(Debug, Default)]
pub struct Counter {
    total: AtomicUsize,
    done: AtomicUsize,
}

impl Counter {
    pub fn plan(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
    }

    pub fn advance(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    fn get(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

/// Whether a bar may be drawn: stderr is a terminal and the run is not in CI.
pub fn wanted(stderr_is_terminal: bool, ci: Option<&std::ffi::OsStr>) -> bool {
    stderr_is_terminal && ci.is_none_or(|v| v.is_empty() || v == "false" || v == "0")
}

/// A drawing thread; `finish` stops it and leaves the terminal line empty.
pub struct Bar {
    counter: Arc<Counter>,
    stop: Arc<(Mutex<bool>, Condvar)>,
    drawn: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Bar {
    /// Starts the thread; it draws after `delay` (normally 2 s; `LOCLINT_PROGRESS_DELAY_MS`
    /// changes it, for tests) if the run is still going.
    pub fn start(counter: Arc<Counter>) -> Self {
        let delay = std::env::var("LOCLINT_PROGRESS_DELAY_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(DELAY, Duration::from_millis);
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let drawn = Arc::new(AtomicBool::new(false));
        if delay.is_zero() {
            // Drawn before the run starts, so that a test sees it however short the run.
            draw(&counter, &drawn);
        }
        let thread = {
            let (counter, stop, drawn) =
                (Arc::clone(&counter), Arc::clone(&stop), Arc::clone(&drawn));
            std::thread::spawn(move || {
                let (lock, signal) = &*stop;
                let mut stopped = lock
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                let mut wait = delay;
                loop {
                    let (guard, timeout) = signal
                        .wait_timeout(stopped, wait)
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    stopped = guard;
                    if *stopped {
                        return;
                    }
                    if timeout.timed_out() {
                        draw(&counter, &drawn);
                        wait = TICK;
                    }
                }
            })
        };
        Bar {
            counter,
            stop,
            drawn,
            thread: Some(thread),
        }
    }

    pub fn counter(&self) -> &Arc<Counter> {
        &self.counter
    }

    /// Stops drawing and clears the bar's line, if it drew one.
    pub fn finish(mut self) {
        self.stop_thread();
    }

    fn stop_thread(&mut self) {
        let Some(thread) = self.thread.take() else {
            return;
        };
        let (lock, signal) = &*self.stop;
        *lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = true;
        signal.notify_all();
        let _ = thread.join();
        if self.drawn.load(Ordering::Relaxed) {
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r\x1b[2K");
            let _ = stderr.flush();
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.stop_thread();
    }
}

fn draw(counter: &Counter, drawn: &AtomicBool) {
    let (done, total) = counter.get();
    let mut stderr = std::io::stderr().lock();
    let _ = write!(stderr, "\r{}\x1b[K", line(done, total));
    let _ = stderr.flush();
    drawn.store(true, Ordering::Relaxed);
}

/// `checking [##########··········] 1234 of 3027 articles`
fn line(done: usize, total: usize) -> String {
    const WIDTH: usize = 30;
    if total == 0 {
        // Still walking and planning: nothing to count yet.
        return "checking: finding the files…".to_owned();
    }
    let filled = (done * WIDTH).checked_div(total).unwrap_or(0).min(WIDTH);
    format!(
        "checking [{}{}] {done} of {total} articles",
        "#".repeat(filled),
        "·".repeat(WIDTH - filled)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_on_a_terminal_outside_ci() {
        assert!(wanted(true, None));
        assert!(!wanted(false, None));
        assert!(!wanted(true, Some("true".as_ref())));
        assert!(!wanted(true, Some("1".as_ref())));
        assert!(wanted(true, Some("false".as_ref())));
    }

    #[test]
    fn the_bar_fills_with_the_count() {
        assert_eq!(
            line(0, 10),
            format!("checking [{}] 0 of 10 articles", "·".repeat(30))
        );
        assert!(line(5, 10).starts_with(&format!(
            "checking [{}{}]",
            "#".repeat(15),
            "·".repeat(15)
        )));
        assert_eq!(line(0, 0), "checking: finding the files…");
    }
}
