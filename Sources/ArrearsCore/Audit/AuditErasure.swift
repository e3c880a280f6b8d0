import Foundation

/// How retention erases the details of audit entries without breaking the chain (PIPL art. 47:
/// personal information is deleted once its retention period is over; docs/data-protection.md).
///
/// An erased entry's details become the marker `{"erased_by":"RUN"}`, where RUN is the sequence
/// of the `retention.run` entry appended in the same transaction. That entry's details carry the
/// number of entries it erased and a digest over them (`Digest`), so that verification proves:
/// - every erased entry names a later retention run, which exists and counts exactly the entries
///   that name it: details cannot be "erased" outside a recorded run, nor an erased entry swapped;
/// - every field but the details of an erased entry is unchanged: for entries of
///   `HashScheme.detailsHash` their own hash still covers them; for older entries, whose hash
///   covered the erased text and so can no longer be recomputed, the run's digest does (the run
///   checked each such entry against its hash before erasing it).
public enum AuditErasure {
    /// The action of the entry that records a retention run.
    public static let runAction = "retention.run"
    /// The keys of the run entry's details that account for the entries it erased.
    public static let erasedEntriesKey = "erased_entries"
    public static let erasedDigestKey = "erased_digest"

    /// The details of an entry erased by the run recorded as entry `run`.
    public static func marker(run: Int) -> String {
        #"{"erased_by":"\#(run)"}"#
    }

    /// The run named by an erasure marker; nil when `details` is not exactly one.
    public static func run(erasing details: String) -> Int? {
        let prefix = #"{"erased_by":""#, suffix = #""}"#
        guard details.hasPrefix(prefix), details.hasSuffix(suffix), details.utf8.count > prefix.utf8.count + suffix.utf8.count else { return nil }
        let digits = details.dropFirst(prefix.count).dropLast(suffix.count)
        guard digits.count <= 18, digits.first != "0", digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// The digest a run records over the entries it erased, in sequence order: each step hashes
    /// the digest so far with the entry's fields (its details' hash in place of the details) and
    /// its stored hash.
    public struct Digest: Equatable, Sendable {
        public private(set) var entries = 0
        public private(set) var value = AuditEntry.genesisHash

        public init() {}

        /// Adds an erased entry (or, when a run computes the digest, one about to be erased, with
        /// the hash of its details as they were).
        public mutating func add(_ entry: AuditEntry, detailsHash: String) {
            entries += 1
            value = AuditEntry.sha256(json: [value, String(entry.sequence), entry.at, entry.actor, entry.action, entry.subject, detailsHash,
                                             String(entry.scheme.rawValue), entry.previousHash, entry.hash])
        }

        /// The details of the run entry that account for these entries.
        public var runDetails: [String: String] {
            [AuditErasure.erasedEntriesKey: String(entries), AuditErasure.erasedDigestKey: value]
        }

        /// Whether a run entry's details account for exactly these entries.
        public func isAccounted(by runDetails: String) -> Bool {
            guard let details = try? JSONDecoder().decode([String: String].self, from: Data(runDetails.utf8)) else { return false }
            return details[AuditErasure.erasedEntriesKey] == String(entries) && details[AuditErasure.erasedDigestKey] == value
        }
    }
}
