import Foundation
import OrgdeckCore
import OrgdeckViewModels

/// Runs uploads and training off the render loop, each on a thread with its own database
/// connection, and hands what they report to the loop as `JobReport`s (drained each turn).
/// Curses is never touched here.
final class BackgroundJobs: @unchecked Sendable {
    private let service: OrgService
    private let lock = NSLock()
    private var reports: [JobReport] = []
    private var uploading = false
    private var uploadCancelled = false
    private let trainerSignal = NSCondition()
    private var trainerWoken = false
    private var trainerStarted = false
    private var stopping = false
    /// How often the idle worker looks for versions queued by other processes (the CLI).
    static let trainerPollSeconds: TimeInterval = 2
    /// How often an open console looks whether a new day's storage needs metering.
    static let meteringPollSeconds: TimeInterval = 60
    private let meteringSignal = NSCondition()

    init(service: OrgService) { self.service = service }

    /// Everything reported since the last call, oldest first.
    func drain() -> [JobReport] {
        lock.withLock {
            defer { reports.removeAll() }
            return reports
        }
    }

    private func post(_ report: JobReport) { lock.withLock { reports.append(report) } }

    func perform(_ request: JobRequest, session: Session?) {
        switch request {
        case .upload(let upload):
            if let session { startUpload(upload, session: session) }
        case .cancelUpload: lock.withLock { uploadCancelled = true }
        case .wakeTrainer: wakeTrainer()
        }
    }

    private func startUpload(_ request: UploadRequest, session: Session) {
        let free = lock.withLock { () -> Bool in
            guard !uploading else { return false }
            uploading = true; uploadCancelled = false
            return true
        }
        guard free else { return }
        let thread = Thread { [self] in
            defer { lock.withLock { uploading = false } }
            post(.uploadStarted(appID: request.appID, expected: 0, at: Date()))
            let expected = InputSource.estimatedCount(request.paths)
            post(.uploadStarted(appID: request.appID, expected: expected, at: Date()))
            do {
                let connection = try service.openAnother()
                let report = try connection.uploadInputs(
                    session, in: request.context, appID: request.appID, paths: request.paths, concepts: request.concepts,
                    isCancelled: { [self] in lock.withLock { uploadCancelled || stopping } },
                    progress: { [self] step in post(.uploadProgress(step, at: Date())) })
                post(.uploadFinished(appID: request.appID, report: report, error: nil, at: Date()))
            } catch let error as CoreError {
                post(.uploadFinished(appID: request.appID, report: nil, error: error.message, at: Date()))
            } catch {
                post(.uploadFinished(appID: request.appID, report: nil, error: "\(error)", at: Date()))
            }
        }
        thread.name = "orgdeck-upload"
        thread.start()
    }

    /// Starts the worker that trains queued versions (once; not in read-only mode).
    func startTrainer() {
        guard !service.isReadOnly else { return }
        let first = lock.withLock { () -> Bool in
            defer { trainerStarted = true }
            return !trainerStarted
        }
        guard first else { return }
        let thread = Thread { [self] in
            let worker = TrainingWorkerID.make()
            guard let connection = try? service.openAnother() else { return }
            while !lock.withLock({ stopping }) {
                do {
                    while let outcome = try connection.runNextTrainingJob(
                        worker: worker, isCancelled: { [self] in lock.withLock { stopping } },
                        progress: { [self] id, fraction in post(.trainingProgress(versionID: id, fraction: fraction)) }) {
                        post(.trainingFinished(outcome))
                    }
                } catch {
                    Log.error("training worker: \(error)")
                }
                trainerSignal.lock()
                if !trainerWoken { _ = trainerSignal.wait(until: Date().addingTimeInterval(Self.trainerPollSeconds)) }
                trainerWoken = false
                trainerSignal.unlock()
            }
        }
        thread.name = "orgdeck-training"
        thread.start()
    }

    /// Starts the thread that meters each day's storage (and closes ended months into invoices)
    /// when this is the first orgdeck process of the day, and again when a day begins while the
    /// console is open. Bookkeeping: it runs in read-only mode too.
    func startMetering() {
        let thread = Thread { [self] in
            guard let connection = try? service.openAnother() else { return }
            while !lock.withLock({ stopping }) {
                do { try connection.meterStorageIfDue(source: .tui) } catch { Log.error("storage metering: \(error)") }
                meteringSignal.lock()
                if !lock.withLock({ stopping }) {
                    _ = meteringSignal.wait(until: Date().addingTimeInterval(Self.meteringPollSeconds))
                }
                meteringSignal.unlock()
            }
        }
        thread.name = "orgdeck-metering"
        thread.start()
    }

    private func wakeTrainer() {
        trainerSignal.lock()
        trainerWoken = true
        trainerSignal.signal()
        trainerSignal.unlock()
    }

    /// Asks the threads to stop at their next step (the console is closing). A version left
    /// training is recovered by the next process.
    func stop() {
        lock.withLock { stopping = true }
        wakeTrainer()
        meteringSignal.lock()
        meteringSignal.signal()
        meteringSignal.unlock()
    }
}
