import ArrearsCore
import Foundation
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

    /// The entry with other content, keeping its hash unless `rehash` (then its details hash too).
    private func replacing(_ entry: AuditEntry, details: String? = nil, sequence: Int? = nil, rehash: Bool = false) -> AuditEntry {
        let sequence = sequence ?? entry.sequence
        let details = details ?? entry.details
        let detailsHash = rehash ? AuditEntry.detailsHash(details) : entry.detailsHash
        let hash = rehash
            ? AuditEntry.hash(sequence: sequence, at: entry.at, actor: entry.actor, action: entry.action, subject: entry.subject, detailsHash: detailsHash ?? "",
                              previousHash: entry.previousHash)
            : entry.hash
        return AuditEntry(sequence: sequence, at: entry.at, actor: entry.actor, action: entry.action, subject: entry.subject,
                          details: details, detailsHash: detailsHash, scheme: entry.scheme, previousHash: entry.previousHash, hash: hash)
    }

    /// A chain written before retention: every hash over the details themselves, no details hash.
    private func legacyChain(_ count: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for index in 1...count {
            let previous = entries.last?.hash ?? AuditEntry.genesisHash
            let details = #"{"note":"王芳 said call after 6","rows":"\#(index)"}"#
            let hash = AuditEntry.hash(sequence: index, at: "2025-01-0\(index % 9 + 1)T08:00:00Z", actor: "cli:alice", action: "contact_attempt_recorded",
                                       subject: "C\(index % 2)", details: details, previousHash: previous)
            entries.append(AuditEntry(sequence: index, at: "2025-01-0\(index % 9 + 1)T08:00:00Z", actor: "cli:alice", action: "contact_attempt_recorded",
                                      subject: "C\(index % 2)", details: details, detailsHash: nil, scheme: .details, previousHash: previous, hash: hash))
        }
        return entries
    }

    /// `entries` with the details of `erase` (0-based) replaced by the marker of a retention run
    /// appended after them, which accounts for them as `RetentionRun` does.
    private func erasing(_ erase: [Int], of entries: [AuditEntry]) -> [AuditEntry] {
        let run = entries.count + 1
        var digest = AuditErasure.Digest()
        var erased = entries
        for index in erase {
            let entry = entries[index]
            let detailsHash = entry.detailsHash ?? AuditEntry.detailsHash(entry.details)
            digest.add(entry, detailsHash: detailsHash)
            erased[index] = AuditEntry(sequence: entry.sequence, at: entry.at, actor: entry.actor, action: entry.action, subject: entry.subject,
                                       details: AuditErasure.marker(run: run), detailsHash: detailsHash, scheme: entry.scheme,
                                       previousHash: entry.previousHash, hash: entry.hash)
        }
        var details = digest.runDetails
        details["customers"] = "1"
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: (try? encoder.encode(details)) ?? Data(), as: UTF8.self)
        erased.append(AuditEntry(following: (entries.count, entries[entries.count - 1].hash), at: "2027-02-01T01:00:00Z", actor: "cli:ops",
                                 action: AuditErasure.runAction, subject: "retention", details: text))
        return erased
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
        let c = AuditEntry.hash(sequence: 1, at: "t", actor: "ab", action: "c", subject: "s", detailsHash: "{}", previousHash: AuditEntry.genesisHash)
        XCTAssertNotEqual(a, c, "the two schemes never give one entry the same hash")
    }

    func testNewEntriesCommitToTheHashOfTheirDetails() {
        let entry = chain(1)[0]
        XCTAssertEqual(entry.scheme, .detailsHash)
        XCTAssertEqual(entry.detailsHash, AuditEntry.detailsHash(#"{"rows":"1"}"#))
        XCTAssertEqual(entry.integrity, .intact)
    }

    func testErasedDetailsStillVerifyAndChangedDetailsDoNot() {
        let entries = erasing([1, 3], of: chain(5))
        XCTAssertEqual(entries[1].details, #"{"erased_by":"6"}"#)
        XCTAssertEqual(entries[1].integrity, .erased(run: 6))
        XCTAssertNil(AuditChain.verify(entries))

        var changed = entries
        changed[2] = replacing(changed[2], details: #"{"rows":"999"}"#)
        XCTAssertEqual(AuditChain.verify(changed), .altered(sequence: 3), "details that were not erased are still checked")
        var renamed = entries
        renamed[1] = AuditEntry(sequence: 2, at: entries[1].at, actor: "cli:mallory", action: entries[1].action, subject: entries[1].subject,
                                details: entries[1].details, detailsHash: entries[1].detailsHash, scheme: .detailsHash,
                                previousHash: entries[1].previousHash, hash: entries[1].hash)
        XCTAssertEqual(AuditChain.verify(renamed), .altered(sequence: 2), "an erased entry's other fields are still covered by its hash")
    }

    func testAnErasureNoRetentionRunAccountsForIsABreak() {
        var forged = chain(5)
        forged[1] = replacing(forged[1], details: AuditErasure.marker(run: 4))
        XCTAssertEqual(AuditChain.verify(forged), .unaccountedErasure(sequence: 2, run: 4), "entry 4 is no retention run")

        var pointingAhead = chain(5)
        pointingAhead[1] = replacing(pointingAhead[1], details: AuditErasure.marker(run: 9))
        XCTAssertEqual(AuditChain.verify(pointingAhead), .unaccountedErasure(sequence: 2, run: 9), "the run it names never came")

        var pointingBack = chain(5)
        pointingBack[3] = replacing(pointingBack[3], details: AuditErasure.marker(run: 2))
        XCTAssertEqual(AuditChain.verify(pointingBack), .altered(sequence: 4), "a run erases only entries before it")

        var extra = erasing([1], of: chain(5))
        extra[2] = replacing(extra[2], details: AuditErasure.marker(run: 6))
        XCTAssertEqual(AuditChain.verify(extra), .unaccountedErasure(sequence: 2, run: 6), "the run counted one entry, not two")
    }

    func testALegacyChainVerifiesBeforeAndAfterErasure() {
        let legacy = legacyChain(6)
        XCTAssertNil(AuditChain.verify(legacy))
        var tampered = legacy
        tampered[2] = replacing(tampered[2], details: #"{"rows":"999"}"#)
        XCTAssertEqual(AuditChain.verify(tampered), .altered(sequence: 3))

        let erased = erasing([0, 2, 4], of: legacy)
        XCTAssertNil(AuditChain.verify(erased))
        XCTAssertEqual(erased.prefix(6).map(\.hash), legacy.map(\.hash), "no hash changes: heads recorded before still hold")

        var resubjected = erased
        let entry = erased[2]
        resubjected[2] = AuditEntry(sequence: entry.sequence, at: entry.at, actor: entry.actor, action: entry.action, subject: "C9",
                                    details: entry.details, detailsHash: entry.detailsHash, scheme: .details, previousHash: entry.previousHash, hash: entry.hash)
        XCTAssertEqual(AuditChain.verify(resubjected), .unaccountedErasure(sequence: 1, run: 7),
                       "an erased old entry's hash cannot be recomputed, so the run's digest covers its other fields")

        var unerased = erased
        unerased[3] = replacing(unerased[3], details: #"{"rows":"0"}"#)
        XCTAssertEqual(AuditChain.verify(unerased), .altered(sequence: 4), "old entries that were not erased are checked as before")
    }
}
