/// Counts per key (connections per source, sessions per user), a key gone once its count is
/// back to zero, so a server that has seen many sources keeps none of those no longer open.
struct Tally<Key: Hashable> {
    private var counts: [Key: Int] = [:]

    subscript(key: Key) -> Int { counts[key, default: 0] }

    mutating func add(_ key: Key) { counts[key, default: 0] += 1 }

    mutating func remove(_ key: Key) {
        let left = counts[key, default: 1] - 1
        counts[key] = left > 0 ? left : nil
    }
}
