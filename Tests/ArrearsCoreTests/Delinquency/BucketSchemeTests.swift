import ArrearsCore
import XCTest

final class BucketSchemeTests: XCTestCase {
    func testStandardBucketsFollowSeed004TimeNodes() {
        let scheme = BucketScheme.standard
        let expectations: [(Int, String)] = [
            (0, "current"), (1, "1-15"), (15, "1-15"), (16, "16-30"), (30, "16-30"), (31, "31-60"),
            (60, "31-60"), (61, "61-90"), (90, "61-90"), (91, "91-180"), (180, "91-180"), (181, "181+"), (5_000, "181+"),
        ]
        for (dpd, name) in expectations { XCTAssertEqual(scheme.bucket(forDaysPastDue: dpd).name, name, "DPD \(dpd)") }
    }

    func testRejectsOverlapsGapsAndOpenEndsInTheMiddle() {
        XCTAssertThrowsError(try BucketScheme([Bucket(name: "a", minDays: 0, maxDays: 10), Bucket(name: "b", minDays: 10, maxDays: nil)])) {
            XCTAssertEqual($0 as? BucketSchemeError, .overlap("a", "b"))
        }
        XCTAssertThrowsError(try BucketScheme([Bucket(name: "a", minDays: 0, maxDays: 10), Bucket(name: "b", minDays: 12, maxDays: nil)])) {
            XCTAssertEqual($0 as? BucketSchemeError, .gap(after: "a", before: "b"))
        }
        XCTAssertThrowsError(try BucketScheme([Bucket(name: "a", minDays: 0, maxDays: nil), Bucket(name: "b", minDays: 12, maxDays: nil)])) {
            XCTAssertEqual($0 as? BucketSchemeError, .onlyLastMayBeOpenEnded("a"))
        }
        XCTAssertThrowsError(try BucketScheme([Bucket(name: "a", minDays: 1, maxDays: nil)])) {
            XCTAssertEqual($0 as? BucketSchemeError, .mustStartAtZero("a"))
        }
        XCTAssertThrowsError(try BucketScheme([Bucket(name: "a", minDays: 0, maxDays: 5), Bucket(name: "a", minDays: 6, maxDays: nil)])) {
            XCTAssertEqual($0 as? BucketSchemeError, .duplicateName("a"))
        }
    }
}
