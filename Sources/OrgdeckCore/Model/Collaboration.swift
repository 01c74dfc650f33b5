import Foundation

/// What a collaborator may do on an app shared with them (PRODUCT.md §6). Nothing outside
/// their scopes is visible or possible; the app's name and description come with any scope.
public enum CollaboratorScope: String, CaseIterable, Sendable, Comparable {
    case inputsRead = "inputs:read"
    case inputsWrite = "inputs:write"
    case conceptsWrite = "concepts:write"
    case modelsRead = "models:read"
    case modelsWrite = "models:write"
    case modelsTrain = "models:train"
    case workflowsRead = "workflows:read"
    case workflowsWrite = "workflows:write"
    case predict

    public static func < (a: CollaboratorScope, b: CollaboratorScope) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }

    /// `inputs:read,predict` read strictly: every name known, none twice, at least one.
    public static func parse(_ text: String) throws -> Set<CollaboratorScope> {
        var scopes = Set<CollaboratorScope>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let scope = CollaboratorScope(rawValue: name) else {
                throw CoreError.invalid("scopes", "\"\(Validation.visible(String(part)))\" is not a collaborator scope: use "
                                        + allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard scopes.insert(scope).inserted else { throw CoreError.invalid("scopes", "scope \(name) is given twice") }
        }
        guard !scopes.isEmpty else { throw CoreError.invalid("scopes", "give at least one scope") }
        return scopes
    }

    /// The stored and printed form: names in the order of `allCases`, comma-separated.
    public static func text(_ scopes: Set<CollaboratorScope>) -> String {
        scopes.sorted().map(\.rawValue).joined(separator: ",")
    }
}

/// Someone an app is shared with.
public struct Collaborator: Equatable, Sendable {
    public var user: User
    public var scopes: Set<CollaboratorScope>
    public var addedBy: String?
    public var addedAt: Date
}

/// An app shared with the session's user, as the Collaborations pane lists it.
public struct SharedApp: Equatable, Sendable {
    /// The context that reaches it: its organization, or its owner's personal account.
    public var context: Context
    /// "acme", or "@ada" for a personal app.
    public var ownerLabel: String
    public var app: App
    public var scopes: Set<CollaboratorScope>
    public var addedAt: Date
}
