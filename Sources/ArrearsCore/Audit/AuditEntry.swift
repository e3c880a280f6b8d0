import Crypto
import Foundation

/// One entry of the audit log: who did what to which subject, when, with the details (before
/// and after, counts), chained to the entry before it by SHA-256 (seed 001: tamper-proof
/// collection records).
///
/// `hash` is SHA-256 over the entry's own fields and `previousHash`, so changing any field of any
/// entry, removing one or reordering them breaks the chain at that point, and `AuditChain.verify`
/// says where. Entries written since retention (`HashScheme.detailsHash`) hash the SHA-256 of their
/// details (`detailsHash`) rather than the details themselves, so that the details of a customer
/// whose data is erased can be replaced by an erasure marker (`AuditErasure`) while the chain,
/// and every head recorded from it, still verifies (PIPL art. 19 and 47; docs/data-protection.md).
public struct AuditEntry: Equatable, Sendable, Codable {
    /// What an entry's hash covers.
    public enum HashScheme: Int, Sendable, Codable {
        /// The details text itself: entries written before retention existed.
        case details = 1
        /// `detailsHash`, the SHA-256 of the details text: every entry written since.
        case detailsHash = 2
        /// A number this version does not know, read from a tampered row: never intact.
        case unknown = -1
    }

    public let sequence: Int
    /// UTC, ISO 8601 (`2026-11-23T08:00:00Z`).
    public let at: String
    public let actor: String
    public let action: String
    public let subject: String
    /// JSON text: before/after values or counts; an erasure marker once erased (`AuditErasure`).
    public let details: String
    /// SHA-256 (lowercase hex) of the details as written. Always set for `.detailsHash` entries;
    /// for `.details` entries set only when retention erased their details.
    public let detailsHash: String?
    public let scheme: HashScheme
    public let previousHash: String
    public let hash: String

    /// The hash of the empty chain, which the first entry follows.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Makes the entry that follows `previous` (or starts the chain), computing its hash over the
    /// hash of its details (`HashScheme.detailsHash`).
    public init(following previous: (sequence: Int, hash: String)?, at: String, actor: String, action: String, subject: String, details: String) {
        let sequence = (previous?.sequence ?? 0) + 1
        let previousHash = previous?.hash ?? Self.genesisHash
        let detailsHash = Self.detailsHash(details)
        self.init(sequence: sequence, at: at, actor: actor, action: action, subject: subject, details: details, detailsHash: detailsHash,
                  scheme: .detailsHash, previousHash: previousHash,
                  hash: Self.hash(sequence: sequence, at: at, actor: actor, action: action, subject: subject, detailsHash: detailsHash,
                                  previousHash: previousHash))
    }

    /// An entry as stored, hash included (verification recomputes it).
    public init(sequence: Int, at: String, actor: String, action: String, subject: String, details: String, detailsHash: String?,
                scheme: HashScheme, previousHash: String, hash: String) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.details = details
        self.detailsHash = detailsHash
        self.scheme = scheme
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The hash of an entry of `HashScheme.details`: SHA-256, in lowercase hex, of the fields as
    /// a JSON array, unambiguous whatever the fields contain.
    public static func hash(sequence: Int, at: String, actor: String, action: String, subject: String, details: String, previousHash: String) -> String {
        sha256(json: [String(sequence), at, actor, action, subject, details, previousHash])
    }

    /// The hash of an entry of `HashScheme.detailsHash`: as above with the details' hash in
    /// place of the details, after the scheme's number, so that no entry of one scheme can pass
    /// for one of the other.
    public static func hash(sequence: Int, at: String, actor: String, action: String, subject: String, detailsHash: String, previousHash: String) -> String {
        sha256(json: [String(HashScheme.detailsHash.rawValue), String(sequence), at, actor, action, subject, detailsHash, previousHash])
    }

    /// SHA-256, in lowercase hex, of the details text's UTF-8 bytes.
    public static func detailsHash(_ details: String) -> String {
        Hex.encode(SHA256.hash(data: Data(details.utf8)))
    }

    static func sha256(json fields: [String]) -> String {
        let canonical = (try? JSONEncoder().encode(fields)) ?? Data()
        return Hex.encode(SHA256.hash(data: canonical))
    }

    /// What verification finds an entry to be, on its own.
    public enum Integrity: Equatable, Sendable {
        /// Its hash matches its content, details included.
        case intact
        /// Its details were erased by the retention run recorded as entry `run`; its other
        /// fields and its place in the chain are still proven: by its hash (`.detailsHash`), or
        /// (`.details`, whose hash covered the erased text) by that run's digest.
        case erased(run: Int)
        /// Its content does not match its hash.
        case altered
    }

    /// Checks the entry against its hash. An erasure marker is accepted only where it names a
    /// later entry (the run that erased it, which `AuditChain` then checks accounts for it).
    public var integrity: Integrity {
        switch scheme {
        case .unknown:
            return .altered
        case .detailsHash:
            guard let detailsHash,
                  hash == Self.hash(sequence: sequence, at: at, actor: actor, action: action, subject: subject, detailsHash: detailsHash,
                                    previousHash: previousHash) else { return .altered }
            if Self.detailsHash(details) == detailsHash { return .intact }
        case .details:
            if hash == Self.hash(sequence: sequence, at: at, actor: actor, action: action, subject: subject, details: details, previousHash: previousHash) {
                return detailsHash == nil || detailsHash == Self.detailsHash(details) ? .intact : .altered
            }
            guard detailsHash != nil else { return .altered }
        }
        guard let run = AuditErasure.run(erasing: details), run > sequence else { return .altered }
        return .erased(run: run)
    }

    /// Whether the stored hash matches the entry's content (an erased entry counts as intact
    /// here; `AuditChain` checks that its erasure is accounted for).
    public var isIntact: Bool { integrity != .altered }
}
