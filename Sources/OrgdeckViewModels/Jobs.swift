import Foundation
import OrgdeckCore

/// Work the console asks the runtime to run off its render loop.
public enum JobRequest: Equatable, Sendable {
    /// Upload files into an app; progress and the end come back as `JobReport`s.
    case upload(UploadRequest)
    /// Stop the running upload after the batch in hand (what is stored stays).
    case cancelUpload
    /// A version was queued: the training worker should look now rather than at its next poll.
    case wakeTrainer
}

/// What to upload, and where.
public struct UploadRequest: Equatable, Sendable {
    public var context: Context
    public var appID: String
    public var paths: [String]
    public var concepts: [String]
}

/// What background work reports, stamped by the runtime with the time it happened (so rates
/// and estimates are computed from events, never from a clock read while drawing).
public enum JobReport: Equatable, Sendable {
    /// The upload has counted roughly how many inputs the files hold.
    case uploadStarted(appID: String, expected: Int, at: Date)
    case uploadProgress(UploadProgress, at: Date)
    /// The upload ended: its report, or why it could not run.
    case uploadFinished(appID: String, report: UploadReport?, error: String?, at: Date)
    case trainingProgress(versionID: String, fraction: Double)
    case trainingFinished(TrainingOutcome)
}

/// The running (or last finished) upload, as the Inputs section and the header show it.
public struct UploadStatus: Equatable, Sendable {
    public var appID: String
    public var expected: Int
    public var added = 0
    public var duplicates = 0
    public var refused = 0
    public var path = ""
    public var startedAt: Date
    public var updatedAt: Date
    public var cancelling = false
    /// Set when it ended.
    public var report: UploadReport?
    public var error: String?

    public var isRunning: Bool { report == nil && error == nil }
    /// Inputs read so far (stored, skipped or refused).
    public var done: Int { added + duplicates + refused }
    /// From 0 to 1; 0 until the count is known.
    public var fraction: Double { expected > 0 ? min(1, Double(done) / Double(expected)) : 0 }
    /// Inputs per second since the start.
    public var rate: Double {
        let seconds = updatedAt.timeIntervalSince(startedAt)
        return seconds > 0 ? Double(done) / seconds : 0
    }
    /// Seconds left at the rate so far, nil until there is a rate.
    public var secondsLeft: Double? {
        guard rate > 0, expected > done else { return nil }
        return Double(expected - done) / rate
    }
}
