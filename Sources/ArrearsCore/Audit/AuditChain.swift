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
        /// Entries say a retention run (`run`) erased their details, and it does not account for
        /// them: it is missing, is not a retention run, or does not count and hash exactly the
        /// entries that name it (one was added, or altered). `sequence` is the first of them.
        case unaccountedErasure(sequence: Int, run: Int)

        public var description: String {
            switch self {
            case .altered(let sequence): "entry \(sequence) was altered: its content does not match its hash"
            case .missing(let after, let found): "entries were removed: entry \(found) follows entry \(after)"
            case .unlinked(let sequence): "entry \(sequence) does not follow the entry before it: entries were reordered or replaced"
            case .unaccountedErasure(let sequence, let run):
                "entry \(run) does not account for the entries that say it erased their details (the first is entry \(sequence)): details were erased, or an erased entry altered, outside a retention run"
            }
        }
    }

    private var last: (sequence: Int, hash: String)?
    /// The entries erased by each retention run not reached yet, and the first of them.
    private var erasures: [Int: (first: Int, digest: AuditErasure.Digest)] = [:]
    public private(set) var checked = 0
    public private(set) var firstBreak: Break?

    /// The hash the first entry follows: the empty chain's, or for a chain anchored in another
    /// (a partition's chain of a partitioned day, docs/scale-out.md) the hash of its root entry.
    private let anchor: String

    public init(anchor: String = AuditEntry.genesisHash) { self.anchor = anchor }

    /// Checks the next entry; returns false once the chain is broken (later entries are not judged).
    @discardableResult
    public mutating func check(_ entry: AuditEntry) -> Bool {
        guard firstBreak == nil else { return false }
        checked += 1
        let expected = (last?.sequence ?? 0) + 1
        let integrity = entry.integrity
        if entry.sequence != expected {
            firstBreak = entry.sequence > expected ? .missing(after: expected - 1, found: entry.sequence) : .unlinked(sequence: entry.sequence)
        } else if integrity == .altered {
            firstBreak = .altered(sequence: entry.sequence)
        } else if entry.previousHash != (last?.hash ?? anchor) {
            firstBreak = .unlinked(sequence: entry.sequence)
        } else if case .erased(let run) = integrity, let detailsHash = entry.detailsHash {
            var erasure = erasures[run] ?? (entry.sequence, AuditErasure.Digest())
            erasure.digest.add(entry, detailsHash: detailsHash)
            erasures[run] = erasure
        } else if let erasure = erasures.removeValue(forKey: entry.sequence),
                  entry.action != AuditErasure.runAction || !erasure.digest.isAccounted(by: entry.details) {
            firstBreak = .unaccountedErasure(sequence: erasure.first, run: entry.sequence)
        }
        last = (entry.sequence, entry.hash)
        return firstBreak == nil
    }

    /// Ends the walk: an erasure naming a run that never came is a break. Returns the first break.
    @discardableResult
    public mutating func finish() -> Break? {
        if firstBreak == nil, let pending = erasures.min(by: { $0.value.first < $1.value.first }) {
            firstBreak = .unaccountedErasure(sequence: pending.value.first, run: pending.key)
        }
        erasures = [:]
        return firstBreak
    }

    /// Verifies a whole log in memory.
    public static func verify(_ entries: [AuditEntry]) -> Break? {
        var chain = AuditChain()
        for entry in entries where !chain.check(entry) { break }
        return chain.finish()
    }
}
