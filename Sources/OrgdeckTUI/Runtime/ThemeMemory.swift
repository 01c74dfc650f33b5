import Foundation

/// Remembers the theme chosen with `:theme` per user and context, in a small JSON file in the
/// state folder, so each organization can keep its own look.
public struct ThemeMemory {
    let path: String

    public init(stateDirectory: String) {
        path = (stateDirectory as NSString).appendingPathComponent("themes.json")
    }

    /// The key of a context for a user, e.g. `ada@acme` or `ada@personal`.
    public static func key(user: String, context: String) -> String { "\(user)@\(context)" }

    public func theme(for key: String) -> String? { load()[key] }

    /// Saves the choice; failures (read-only home, full disk) are not fatal to the console.
    public func remember(_ theme: String, for key: String) throws {
        var all = load()
        all[key] = theme
        let data = try JSONSerialization.data(withJSONObject: all, options: [.sortedKeys])
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    func load() -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: String] else { return [:] }
        return object
    }
}
