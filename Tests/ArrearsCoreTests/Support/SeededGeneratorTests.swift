import ArrearsCore
import XCTest

final class SeededGeneratorTests: XCTestCase {
    func testMatchesTheSplitMix64ReferenceSequence() {
        // The first outputs of Vigna's reference splitmix64.c for the seed 1234567.
        var generator = SeededGenerator(seed: 1_234_567)
        XCTAssertEqual((0..<5).map { _ in generator.next() },
                       [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                        4_593_380_528_125_082_431, 16_408_922_859_458_223_821])
    }

    func testTheSameSeedGivesTheSameSequence() {
        var first = SeededGenerator(seed: 7), second = SeededGenerator(seed: 7), other = SeededGenerator(seed: 8)
        let sequence = (0..<100).map { _ in first.next() }
        XCTAssertEqual((0..<100).map { _ in second.next() }, sequence)
        XCTAssertNotEqual((0..<100).map { _ in other.next() }, sequence)
    }
}
