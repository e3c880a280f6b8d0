import ArrearsCore
import Foundation
import XCTest

final class LinkSignerTests: XCTestCase {
    private let signer = LinkSigner(key: DataKey.generate())
    private let now = Date(timeIntervalSince1970: 1_800_000_000)

    func testALinkNamesItsSubjectUntilItExpires() throws {
        let token = signer.sign(purpose: "rate-contact", subject: "ATT-42", expiresAt: now.addingTimeInterval(3600))
        XCTAssertEqual(try signer.verify(token, purpose: "rate-contact", at: now), "ATT-42")
        XCTAssertThrowsError(try signer.verify(token, purpose: "rate-contact", at: now.addingTimeInterval(3600))) {
            XCTAssertEqual($0 as? LinkSigner.Failure, .expired)
        }
        XCTAssertTrue(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }, "safe in a URL path: \(token)")
    }

    func testAnAlteredForeignOrMisusedLinkIsRefused() {
        let token = signer.sign(purpose: "rate-contact", subject: "ATT-42", expiresAt: now.addingTimeInterval(3600))
        let forged = LinkSigner(key: DataKey.generate()).sign(purpose: "rate-contact", subject: "ATT-42", expiresAt: now.addingTimeInterval(3600))
        var otherSubject = Array(token)
        otherSubject[2] = otherSubject[2] == "A" ? "B" : "A"
        for (candidate, failure) in [(forged, LinkSigner.Failure.forged), (String(otherSubject), .forged), ("nonsense", .malformed), ("", .malformed)] {
            XCTAssertThrowsError(try signer.verify(candidate, purpose: "rate-contact", at: now), candidate) {
                XCTAssertEqual($0 as? LinkSigner.Failure, failure, candidate)
            }
        }
        XCTAssertThrowsError(try signer.verify(token, purpose: "self-service", at: now)) {
            XCTAssertEqual($0 as? LinkSigner.Failure, .otherPurpose)
        }
    }

    /// Found by a property test: a subject with a bar in it was refused as malformed.
    func testASubjectWithBarsVerifies() throws {
        let signer = LinkSigner(key: DataKey.generate())
        let token = signer.sign(purpose: "self-service", subject: "C|1||", expiresAt: Date().addingTimeInterval(60))
        XCTAssertEqual(try signer.verify(token, purpose: "self-service"), "C|1||")
    }
}
