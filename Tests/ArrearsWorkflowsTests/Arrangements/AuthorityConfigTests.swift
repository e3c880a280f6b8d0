import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import XCTest

final class AuthorityConfigTests: XCTestCase {
    func testTheShippedFileIsTheStandardLimits() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        XCTAssertEqual(try AuthorityConfig.load(fromDirectory: root.appendingPathComponent("config").path), .standard)
    }

    func testErrorsPointAtTheLine() {
        let text = """
        grace_days: 5
        roles:
          - { role: supervisor, max_waiver_share: 50%, max_deferral_days: 90, max_settlement_discount: 20%, max_instalments: 24 }
          - { role: collector, max_waiver_share: 10%, max_deferral_days: 30, max_settlement_discount: 0%, max_instalments: 6 }
        """
        XCTAssertThrowsError(try AuthorityConfig.parse(text, file: "authority.yaml")) { error in
            XCTAssertEqual("\(error)", "authority.yaml:4: collector's max_waiver_share is below supervisor's: list roles from the least authority to the most")
        }
        XCTAssertThrowsError(try AuthorityConfig.parse("grace_days: 5\nroles:\n  - { role: collector, max_waiver_share: ten, max_deferral_days: 30, max_settlement_discount: 0%, max_instalments: 6 }",
                                                       file: "a.yaml")) { error in
            XCTAssertEqual("\(error)", "a.yaml:3: collector: max_waiver_share must be a percentage from 0% to 100%, such as 12.5%")
        }
    }

    func testTheWindowAndFourEyesAreConfigurable() throws {
        let roles = "roles:\n  - { role: collector, max_waiver_share: 10%, max_deferral_days: 30, max_settlement_discount: 0%, max_instalments: 6 }"
        let defaults = try AuthorityConfig.parse("grace_days: 5\n" + roles, file: "a.yaml")
        XCTAssertEqual(defaults.cumulativeWindowDays, 365)
        XCTAssertEqual(defaults.fourEyes, [.waiver, .settlement])
        let set = try AuthorityConfig.parse("grace_days: 5\ncumulative_window_days: 90\nfour_eyes:\n  waiver: false\n  deferral: true\n" + roles, file: "a.yaml")
        XCTAssertEqual(set.cumulativeWindowDays, 90)
        XCTAssertEqual(set.fourEyes, [.settlement, .deferral])
        XCTAssertThrowsError(try AuthorityConfig.parse("grace_days: 5\ncumulative_window_days: 0\n" + roles, file: "a.yaml"))
        XCTAssertThrowsError(try AuthorityConfig.parse("grace_days: 5\nfour_eyes:\n  loan: true\n" + roles, file: "a.yaml"))
        XCTAssertThrowsError(try AuthorityConfig.parse("grace_days: 5\nfour_eyes:\n  waiver: maybe\n" + roles, file: "a.yaml"))
    }
}
