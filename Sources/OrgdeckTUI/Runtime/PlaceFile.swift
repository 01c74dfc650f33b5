import Foundation
import OrgdeckViewModels

/// Each user's last context and pane, in a small JSON file in the state folder (beside the
/// theme memory), so sign-in lands where the user left.
public final class PlaceFile: PlaceMemory {
    let path: String

    public init(stateDirectory: String) {
        path = (stateDirectory as NSString).appendingPathComponent("places.json")
    }

    public func place(for username: String) -> Place? { load()[username] }

    /// Saving fails quietly (a read-only home, a full disk): it is a convenience, not data.
    public func remember(_ place: Place, for username: String) {
        var all = load()
        guard all[username] != place else { return }
        all[username] = place
        guard let data = try? JSONEncoder().encode(all) else { return }
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    func load() -> [String: Place] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        return (try? JSONDecoder().decode([String: Place].self, from: data)) ?? [:]
    }
}
