import Foundation
import OrgdeckCore

// MARK: - Background work: what uploads and training report
extension ConsoleViewModel {
    /// Below this many held-out inputs a version's accuracy is said to be a weak measure.
    static let fewHeldOut = 20

    /// Folds a report into the state: the upload's counts and rate, a version's progress; an
    /// ending says what came of it in the flash line and reads the screen again.
    func handleJob(_ report: JobReport) {
        switch report {
        case .uploadStarted(let appID, let expected, let at):
            if expected > 0, var upload = state.upload, upload.isRunning, upload.appID == appID {
                upload.expected = expected
                state.upload = upload
            } else {
                state.upload = UploadStatus(appID: appID, expected: expected, startedAt: at, updatedAt: at)
            }
        case .uploadProgress(let step, let at):
            guard var upload = state.upload, upload.isRunning else { return }
            upload.added = step.added; upload.duplicates = step.duplicates; upload.refused = step.refused
            upload.path = step.path; upload.updatedAt = at
            if upload.done > upload.expected { upload.expected = upload.done }
            state.upload = upload
        case .uploadFinished(let appID, let report, let error, let at):
            var upload = state.upload ?? UploadStatus(appID: appID, expected: 0, startedAt: at, updatedAt: at)
            upload.report = report; upload.error = error; upload.updatedAt = at
            if let report {
                upload.added = report.added; upload.duplicates = report.duplicates; upload.refused = report.refused.count
                let first = report.refused.first.map { "; first refused: \($0.place): \($0.reason)" } ?? ""
                let text = "upload to \(appID)\(report.cancelled ? " cancelled" : ""): \(report.added) added, "
                    + "\(counted(report.duplicates, "duplicate")), \(report.refused.count) refused" + first
                // Something refused is not a plain success: it is said as a warning.
                state.flash = report.refused.isEmpty ? .info(text) : .warn(text)
            } else {
                state.flash = .error("upload to \(appID) failed: \(error ?? "unknown error")")
            }
            state.upload = upload
            refreshAfterExternalChange()
        case .trainingProgress(let id, let fraction):
            state.training[id] = fraction
        case .trainingFinished(let outcome):
            state.training[outcome.version.id] = nil
            let version = outcome.version
            // An accuracy measured on a handful of inputs says little: the flash says so.
            let accuracy = version.metrics.map { metrics in
                String(format: ", accuracy %.3f", metrics.accuracy) + (metrics.evaluated < Self.fewHeldOut
                    ? " on only \(counted(metrics.evaluated, "held-out input")): label more inputs for a measure to trust" : "")
            } ?? ""
            let text = "\(outcome.modelID) v\(version.number) \(version.status.rawValue)\(accuracy)"
                + (version.reason.map { ": \($0)" } ?? "")
            state.flash = version.status == .trained ? .info(text) : .warn(text)
            refreshAfterExternalChange()
        }
    }

    /// Refuses a second upload while one runs, and marks a cancel as asked for.
    func admit(_ request: JobRequest) -> Bool {
        switch request {
        case .upload:
            if state.upload?.isRunning == true {
                state.flash = .warn("an upload is running: wait for it" + keys.suggest(.cancelJob, ", or press %k to cancel it"))
                return false
            }
            return true
        case .cancelUpload:
            guard state.upload?.isRunning == true else {
                state.flash = .warn("no upload is running")
                return false
            }
            state.upload?.cancelling = true
            return true
        case .wakeTrainer:
            return true
        }
    }
}
