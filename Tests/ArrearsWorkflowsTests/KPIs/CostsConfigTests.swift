import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import XCTest

final class CostsConfigTests: XCTestCase {
    func testShippedUnitCostsCoverEveryChannel() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let costs = try CostsConfig.load(fromDirectory: root.appendingPathComponent("config").path)
        XCTAssertEqual(costs.currency, .cny)
        XCTAssertEqual(Set(costs.unitMinor.keys), Set(Channel.allCases))
    }

    func testUnknownChannelAndNegativeCostNameTheirLine() {
        XCTAssertThrowsError(try CostsConfig.parse("currency: CNY\nunit_costs:\n  sms: 5\n  fax: 3\n", file: "costs.yaml")) {
            XCTAssertEqual(($0 as? ConfigError)?.description, "costs.yaml:4: unknown channel 'fax' (expected call, email, legal, letter, sms, visit)")
        }
        XCTAssertThrowsError(try CostsConfig.parse("currency: CNY\nunit_costs:\n  call: -1\n", file: "costs.yaml")) {
            XCTAssertEqual(($0 as? ConfigError)?.description, "costs.yaml:3: the unit cost of call must be a whole number of minor units >= 0")
        }
    }
}
