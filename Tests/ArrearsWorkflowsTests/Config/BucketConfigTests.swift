import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import XCTest

final class BucketConfigTests: XCTestCase {
    func testShippedConfigIsTheStandardScheme() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let scheme = try BucketConfig.load(fromDirectory: root.appendingPathComponent("config").path)
        XCTAssertEqual(scheme, .standard)
    }

    func testCustomBucketsAreRead() throws {
        let scheme = try BucketConfig.parse("""
            buckets:
              - { name: current, min_dpd: 0, max_dpd: 0 }
              - { name: early, min_dpd: 1, max_dpd: 29 }
              - { name: late, min_dpd: 30 }
            """, file: "b.yaml")
        XCTAssertEqual(scheme.bucket(forDaysPastDue: 29).name, "early")
        XCTAssertEqual(scheme.bucket(forDaysPastDue: 400).name, "late")
    }

    func testOverlapIsRejectedNamingTheLine() {
        XCTAssertThrowsError(try BucketConfig.parse("""
            buckets:
              - { name: current, min_dpd: 0, max_dpd: 0 }
              - { name: early, min_dpd: 1, max_dpd: 30 }
              - { name: late, min_dpd: 30 }
            """, file: "b.yaml")) { error in
            XCTAssertEqual((error as? ConfigError)?.description, "b.yaml:4: buckets 'early' and 'late' overlap")
        }
    }

    func testBadYamlAndUnknownKeysNameTheLine() {
        XCTAssertThrowsError(try BucketConfig.parse("buckets:\n  - name: current\n    min_dpd: 0\n    max_dp: 0\n", file: "b.yaml")) { error in
            XCTAssertEqual((error as? ConfigError)?.description, "b.yaml:4: unknown key 'max_dp' (expected name, min_dpd, max_dpd)")
        }
        XCTAssertThrowsError(try BucketConfig.parse("buckets: [\n", file: "b.yaml")) { error in
            XCTAssertNotNil((error as? ConfigError)?.line)
        }
    }
}
