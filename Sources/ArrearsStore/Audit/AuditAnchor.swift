import ArrearsCore
import SQLKit

/// A head of the audit chain recorded outside the database (`sequence:hash`, as `arrears audit
/// verify` prints it): on paper, with a regulator, in another system. Because every entry's hash
/// covers the one before it, a chain that verifies and still holds the anchor's hash at its
/// sequence proves that nothing up to the anchor was altered, and nothing was cut off after it;
/// a chain rewritten from the start with fresh hashes no longer matches.
public struct AuditAnchor: Sendable, Equatable, CustomStringConvertible {
    public let sequence: Int
    public let hash: String

    public init(sequence: Int, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }

    /// Reads `SEQUENCE:HASH` (a positive sequence, 64 lowercase hex digits); nil for anything else.
    public init?(text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 18, let sequence = Int(parts[0]), sequence >= 1,
              parts[1].utf8.count == 64, parts[1].utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return nil }
        self.init(sequence: sequence, hash: String(parts[1]))
    }

    public var description: String { "\(sequence):\(hash)" }

    /// Why the stored chain does not hold this anchor, or nil when it does.
    public func mismatch(on database: any SQLDatabase) async throws -> String? {
        let row = try await database.raw("SELECT hash FROM audit_log WHERE sequence = \(bind: sequence)").first()
        guard let row else { return "the chain has no entry \(sequence): entries were cut off the end" }
        let stored = try row.decode(column: "hash", as: String.self)
        return stored == hash ? nil : "entry \(sequence) has hash \(stored), not the anchored \(hash): the chain was rewritten"
    }
}
