import Foundation
import OrgdeckCore

/// Machine shapes of models, versions and predictions.
extension ModelJSON {
    static func model(_ model: AppModel) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .string(model.id)), ("name", .string(model.name)), ("type", .string(model.type.rawValue)),
            ("visibility", .string(model.visibility.rawValue)), ("app", .string(model.appID)), ("starred", .bool(model.starred)),
            ("versions", .int(Int64(model.versionCount))), ("latest_trained", model.latestTrained.map(version) ?? .null),
        ]
        if model.type == .keywordTagger {
            fields.append(("keywords", .object(model.keywords.keys.sorted().map { concept in
                (concept, .array((model.keywords[concept] ?? []).map { .string($0) }))
            })))
        }
        if let thresholds = model.thresholds {
            fields.append(("thresholds", .object([("default", .number(thresholds.defaultThreshold))]
                                                 + thresholds.perConcept.keys.sorted().map { ($0, .number(thresholds.perConcept[$0] ?? 0)) })))
        }
        fields += [("created_at", .date(model.createdAt)), ("updated_at", .date(model.updatedAt))]
        return .object(fields)
    }

    static func version(_ version: ModelVersion) -> JSONValue {
        .object([
            ("id", .string(version.id)), ("number", .int(Int64(version.number))), ("status", .string(version.status.rawValue)),
            ("progress", .number(version.progress)), ("reason", .optional(version.reason)),
            ("metrics", version.metrics.map(metrics) ?? .null), ("concepts", .array(version.concepts.map { .string($0) })),
            ("inputs", .int(Int64(version.inputCount))), ("created_by", .optional(version.createdBy)),
            ("created_at", .date(version.createdAt)), ("finished_at", .date(version.finishedAt)),
        ])
    }

    static func metrics(_ metrics: ClassificationMetrics) -> JSONValue {
        .object([
            ("accuracy", .number(metrics.accuracy)), ("evaluated", .int(Int64(metrics.evaluated))),
            ("concepts", .object(metrics.sortedClasses.map { name, figures in
                (name, .object([("precision", .number(figures.precision)), ("recall", .number(figures.recall)),
                                       ("f1", .number(figures.f1)), ("support", .int(Int64(figures.support)))]))
            })),
        ])
    }

    static func prediction(_ prediction: Prediction) -> JSONValue {
        .object([("version", .string(prediction.versionID)), ("concepts", .array(prediction.concepts.map { score in
            .object([("concept", .string(score.concept)), ("score", .number(score.score))])
        }))])
    }
}

extension Format {
    /// "0.934" for a score or a ratio.
    static func figure(_ value: Double) -> String { String(format: "%.3f", value) }

    /// A version's state for a table: `trained`, `training 40%`, `failed: reason`.
    static func status(_ version: ModelVersion) -> String {
        switch version.status {
        case .training: return "training \(Int(version.progress * 100))%"
        case .failed, .cancelled: return version.status.rawValue + (version.reason.map { ": " + sanitize($0) } ?? "")
        default: return version.status.rawValue
        }
    }
}
