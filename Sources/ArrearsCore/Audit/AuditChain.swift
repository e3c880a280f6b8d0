/// Walks an audit log in sequence order and finds the first place it was tampered with.
public struct AuditChain: Sendable {
    /// Where and how the chain is broken.
    public enum Break: Equatable, Sendable, CustomStringConvertible {
        /// The entry's content no longer matches its hash.
        case altered(sequence: Int)
        /// Entries are missing: the sequence jumps.
        case missing(after: Int, found: Int)
        /// The entry does not follow the one before it (reordered, or one before it was replaced).
        case unlinked(sequence: Int)

        public var description: String {
            switch self {
            case .altered(let sequence): "entry \(sequence) was altered: its content does not match its hash"
            case .missing(let after, let found): "entries were removed: entry \(found) follows entry \(after)"
            case .unlinked(let sequence): "entry \(sequence) does not follow the entry before it: entries were reordered or replaced"
            }
        }
    }

    private var last: (sequence: Int, hash: String)?
    public private(set) var checked = 0
    public private(set) var firstBreak: Break?

    public init() {}

    /// Checks the next entry; returns false once the chain is broken (later entries are not judged).
    @discardableResult
    public mutating func check(_ entry: AuditEntry) -> Bool {
        guard firstBreak == nil else { return false }
        checked += 1
        let expected = (last?.sequence ?? 0) + 1
        if entry.sequence != expected {
            firstBreak = entry.sequence > expected ? .missing(after: expected - 1, found: entry.sequence) : .unlinked(sequence: entry.sequence)
        } else if !entry.isIntact {
            firstBreak = .altered(sequence: entry.sequence)
        } else if entry.previousHash != (last?.hash ?? AuditEntry.genesisHash) {
            firstBreak = .unlinked(sequence: entry.sequence)
        }
        last = (entry.sequence, entry.hash)
        return firstBreak == nil
    }

    /// Verifies a whole log in memory.
    public static func verify(_ entries: [AuditEntry]) -> Break? {
        var chain = AuditChain()
        for entry in entries where !chain.check(entry) { break }
        return chain.firstBreak
    }
}
