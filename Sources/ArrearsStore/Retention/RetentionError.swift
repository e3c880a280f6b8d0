/// Why a retention run stopped without erasing anything of the batch it was in.
public enum RetentionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An audit entry about a customer to erase does not match its hash: erasing its details
    /// would hide that it was tampered with.
    case auditEntryAltered(sequence: Int)
    /// The run's own audit entry did not land where its erasure markers point: another writer
    /// reached the head of the chain without its lock. Nothing was written.
    case auditHeadMoved(expected: Int)

    public var description: String {
        switch self {
        case .auditEntryAltered(let sequence):
            "audit entry \(sequence) does not match its hash, so its details are not erased (that would hide the change): run arrears audit verify"
        case .auditHeadMoved(let expected):
            "the audit log's head moved while the retention run held it (its entry was to be \(expected)); nothing was erased: run it again"
        }
    }
}
