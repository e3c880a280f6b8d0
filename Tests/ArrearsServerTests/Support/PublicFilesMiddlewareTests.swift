@testable import ArrearsServer
import XCTest

/// Only paths that name a file are looked up in `Public/`; pages and API calls go straight on.
final class PublicFilesMiddlewareTests: XCTestCase {
    func testOnlyAPathWhoseLastPartHasAnExtensionNamesAFile() {
        for path in ["/css/arrears.css", "/css/legal-letter.css", "/analytics/kpis.csv", "/favicon.ico"] {
            XCTAssertTrue(PublicFilesMiddleware.namesAFile(path), path)
        }
        for path in ["/", "/work", "/work/cases/CASE-C1-20261123", "/api/v1/contact-attempts", "/.", "/css/", "/.hidden", "/css/file."] {
            XCTAssertFalse(PublicFilesMiddleware.namesAFile(path), path)
        }
    }
}
