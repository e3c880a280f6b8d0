import Crypto
import Foundation

/// One entry of the audit log: who did what to which subject, when, with the details (before
/// and after, counts), chained to the entry before it by SHA-256 (seed 001: tamper-proof
/// collection records).
///
/// `hash` is SHA-256 over the entry's own fields and `previousHash`, so changing any field of any
/// entry, removing one or reordering them breaks the chain at that point, and `AuditChain.verify`
/// says where.
public struct AuditEntry: Equatable, Sendable, Codable {
    public let sequence: Int
    /// UTC, ISO 8601 (`2026-11-23T08:00:00Z`).
    public let at: String
    public let actor: String
    public let action: String
    public let subject: String
    /// JSON text: before/after values or counts.
    public let details: String
    public let previousHash: String
    public let hash: String

    /// The hash of the empty chain, which the first entry follows.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Makes the entry that follows `previous` (or starts the chain), computing its hash.
    public init(following previous: (sequence: Int, hash: String)?, at: String, actor: String, action: String, subject: String, details: String) {
        let sequence = (previous?.sequence ?? 0) + 1
        let previousHash = previous?.hash ?? Self.genesisHash
        self.init(sequence: sequence, at: at, actor: actor, action: action, subject: subject, details: details,
                  previousHash: previousHash,
                  hash: Self.hash(sequence: sequence, at: at, actor: actor, action: action, subject: subject, details: details, previousHash: previousHash))
    }

    /// An entry as stored, hash included (verification recomputes it).
    public init(sequence: Int, at: String, actor: String, action: String, subject: String, details: String, previousHash: String, hash: String) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.details = details
        self.previousHash = previousHash
        self.hash = hash
    }

    /// SHA-256, in lowercase hex, of the fields as a JSON array: unambiguous whatever the fields contain.
    public static func hash(sequence: Int, at: String, actor: String, action: String, subject: String, details: String, previousHash: String) -> String {
        let fields: [String] = [String(sequence), at, actor, action, subject, details, previousHash]
        let canonical = (try? JSONEncoder().encode(fields)) ?? Data()
        return Hex.encode(SHA256.hash(data: canonical))
    }

    /// Whether the stored hash matches the entry's content.
    public var isIntact: Bool {
        hash == Self.hash(sequence: sequence, at: at, actor: actor, action: action, subject: subject, details: details, previousHash: previousHash)
    }
}
