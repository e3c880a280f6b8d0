import ArrearsCore
import XCTest

final class AuditChainTests: XCTestCase {
    private func chain(_ count: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for index in 1...count {
            entries.append(AuditEntry(following: entries.last.map { ($0.sequence, $0.hash) }, at: "2026-11-23T08:00:0\(index % 10)Z",
                                      actor: "cli:alice", action: "import.payments", subject: "payments-\(index).csv", details: #"{"rows":"\#(index)"}"#))
        }
        return entries
    }

    private func replacing(_ entry: AuditEntry, details: String? = nil, sequence: Int? = nil, rehash: Bool = false) -> AuditEntry {
        let sequence = sequence ?? entry.sequence
        let details = details ?? entry.details
        let hash = rehash
            ? AuditEntry.hash(sequence: sequence, at: entry.at, actor: entry.actor, action: entry.action, subject: entry.subject, details: details, previousHash: entry.previousHash)
            : entry.hash
        return AuditEntry(sequence: sequence, at: entry.at, actor: entry.actor, action: entry.action, subject: entry.subject,
                          details: details, previousHash: entry.previousHash, hash: hash)
    }

    func testUntouchedChainVerifies() {
        let entries = chain(6)
        XCTAssertNil(AuditChain.verify(entries))
        XCTAssertEqual(entries[0].previousHash, AuditEntry.genesisHash)
        XCTAssertEqual(entries[3].previousHash, entries[2].hash)
        XCTAssertEqual(entries[2].hash.count, 64)
    }

    func testAlteredEntryIsNamed() {
        var entries = chain(6)
        entries[2] = replacing(entries[2], details: #"{"rows":"999"}"#)
        XCTAssertEqual(AuditChain.verify(entries), .altered(sequence: 3))
    }

    func testAlteredAndRehashedEntryBreaksTheLinkAfterIt() {
        var entries = chain(6)
        entries[2] = replacing(entries[2], details: #"{"rows":"999"}"#, rehash: true)
        XCTAssertEqual(AuditChain.verify(entries), .unlinked(sequence: 4))
    }

    func testRemovedEntryIsNamed() {
        var entries = chain(6)
        entries.remove(at: 3)
        XCTAssertEqual(AuditChain.verify(entries), .missing(after: 3, found: 5))
    }

    func testReorderedEntriesAreNamed() {
        var entries = chain(6)
        let third = entries[2], fourth = entries[3]
        entries[2] = replacing(fourth, sequence: 3)
        entries[3] = replacing(third, sequence: 4)
        XCTAssertEqual(AuditChain.verify(entries), .altered(sequence: 3))
    }

    func testFieldBoundariesCannotBeShiftedWithoutChangingTheHash() {
        let a = AuditEntry.hash(sequence: 1, at: "t", actor: "ab", action: "c", subject: "s", details: "{}", previousHash: AuditEntry.genesisHash)
        let b = AuditEntry.hash(sequence: 1, at: "t", actor: "a", action: "bc", subject: "s", details: "{}", previousHash: AuditEntry.genesisHash)
        XCTAssertNotEqual(a, b)
    }
}
