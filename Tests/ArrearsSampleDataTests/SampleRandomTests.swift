@testable import ArrearsSampleData
import XCTest

final class SampleRandomTests: XCTestCase {
    func testMatchesTheSplitMix64ReferenceSequence() {
        var random = SampleRandom(seed: 1_234_567)
        XCTAssertEqual([random.next(), random.next(), random.next()],
                       [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423])
    }

    func testDrawsStayInRange() {
        var random = SampleRandom(seed: 1)
        for _ in 0..<10_000 {
            XCTAssertTrue((0..<7).contains(random.below(7)))
            XCTAssertTrue((-3...10).contains(random.int(in: -3...10)))
        }
    }

    func testWeightedTableFollowsItsWeights() {
        var random = SampleRandom(seed: 2)
        let table = WeightedTable([("rare", 1), ("common", 9)])
        let common = (0..<10_000).filter { _ in table.draw(using: &random) == "common" }.count
        XCTAssertEqual(Double(common) / 10_000, 0.9, accuracy: 0.02)
    }
}
