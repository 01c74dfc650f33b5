import COrgdeckThread
import Foundation

/// Starts a short piece of start-up work on a new thread that begins on another core than the
/// caller's.
///
/// Linux queues a new thread on its creator's core, and the scheduler moves it only once the
/// imbalance has lasted a while — longer than a whole start-up. Traced through a
/// pseudo-terminal, the console's preparation thread shared the main thread's core for its whole
/// life and ran only in the main thread's pauses while the other core stood idle: work meant to
/// overlap the database's opening was added to it instead. So the thread is created allowed only
/// on the other cores, which places it there, and then allowed everywhere again at once.
enum OtherCore {
    /// Runs `body` on a new detached thread, placed off the calling thread's core when the process
    /// may use more than one; otherwise on a plain new thread.
    static func run(_ body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(Work(body)).toOpaque()
        let started = orgdeck_start_on_other_core({ context in
            Unmanaged<Work>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, context)
        if started != 0 {
            Unmanaged<Work>.fromOpaque(context).release()
            Thread(block: body).start()
        }
    }

    /// The closure, boxed to cross `pthread_create`'s untyped argument.
    private final class Work {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
}
