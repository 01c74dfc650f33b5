import Foundation

/// What training a model would cost now: the labelled text inputs it would learn from, each
/// metered as one training input, at the price the app's payer has for them.
public struct TrainingEstimate: Equatable, Sendable {
    public var inputs: Int
    public var unitPriceMicros: Int64
    public var amountMicros: Int64 { Int64(inputs) * unitPriceMicros }
}

extension OrgService {
    /// The estimate `T` shows before it queues a version (the count can change before the
    /// worker reads the inputs; the bill is what it then meters).
    public func trainingEstimate(_ session: Session, in context: Context, appID: String, modelID: String) throws -> TrainingEstimate {
        try checkedRead { tx in
            let model = try readableModel(tx, session, context, appID: appID, modelID: modelID, action: .seeApps)
            let inputs = try tx.trainingExampleCount(appKey: model.appKey)
            guard let (account, _) = try tx.billingAccount(appKey: model.appKey) else {
                return TrainingEstimate(inputs: inputs, unitPriceMicros: 0)
            }
            return TrainingEstimate(inputs: inputs, unitPriceMicros: try tx.unitPrice(account.key, .trainInput, at: now))
        }
    }
}
