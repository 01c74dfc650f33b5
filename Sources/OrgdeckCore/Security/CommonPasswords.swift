/// The 10,000 most common passwords (SecLists' `10k-most-common.txt`, MIT; see DECISIONS.md),
/// compiled into the binary from `Resources/common-passwords.txt`. Matching is case-insensitive.
enum CommonPasswords {
    /// The list, lower-cased, read once on first use.
    static let all: Set<String> = {
        let text = String(decoding: PackageResources.common_passwords_txt, as: UTF8.self)
        var words = Set<String>(minimumCapacity: 10_000)
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) where !line.isEmpty {
            words.insert(line.lowercased())
        }
        return words
    }()

    /// Whether `password` is on the list, in any case.
    static func contains(_ password: String) -> Bool { all.contains(password.lowercased()) }
}
