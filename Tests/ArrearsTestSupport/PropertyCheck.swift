import ArrearsCore
import XCTest

/// A property-based check: `cases` inputs drawn from `generate` with a fixed seed, each given to
/// `property`, which fails with XCTest assertions or a thrown error. The seed makes every run
/// the same, so a failure repeats; the failing case's index and input are in the message. When a
/// check finds a fault, keep its input as a named regression test beside it.
///
/// An input that traps (a force unwrap, an overflow) stops the test process: that is a failure
/// too, and the last "checking" line in the log names the input.
extension XCTestCase {
    public func checkProperty<Input>(_ name: String, cases: Int = 2_000, seed: UInt64 = 20_261_207,
                                     file: StaticString = #filePath, line: UInt = #line,
                                     generate: (inout SeededGenerator) -> Input, property: (Input) throws -> Void) {
        var generator = SeededGenerator(seed: seed)
        let trace = ProcessInfo.processInfo.environment["ARREARS_PROPERTY_TRACE"] == "1"
        for index in 0..<cases {
            let input = generate(&generator)
            if trace { print("checking \(name) #\(index): \(String(reflecting: input).prefix(300))") }
            let failuresBefore = testRun?.totalFailureCount ?? 0
            do {
                try property(input)
            } catch {
                XCTFail("\(name): case \(index) (seed \(seed)) threw \(error)", file: file, line: line)
            }
            if (testRun?.totalFailureCount ?? 0) > failuresBefore {
                // The first failing case is the one to keep as a regression test; stop there.
                XCTFail("\(name): case \(index) (seed \(seed)) failed for input \(String(reflecting: input).prefix(500))", file: file, line: line)
                return
            }
        }
    }
}

/// Generators of awkward inputs, shared by the property tests.
public enum Arbitrary {
    /// Bytes that matter to parsers: digits, separators, signs, quotes, spaces, line ends, NUL,
    /// high bytes (invalid UTF-8 on their own), mixed with random ones.
    static let interesting: [UInt8] = Array("0123456789.-+,;:|\"' \t\r\neE_=/\\".utf8) + [0, 0x7F, 0x80, 0xC3, 0xA9, 0xE2, 0x80, 0xAE, 0xF0, 0x9F, 0x98, 0x80, 0xFF]

    public static func bytes(_ generator: inout SeededGenerator, maxLength: Int = 40) -> [UInt8] {
        let length = Int.random(in: 0...maxLength, using: &generator)
        return (0..<length).map { _ in
            Bool.random(using: &generator) ? interesting[Int.random(in: 0..<interesting.count, using: &generator)] : UInt8.random(in: 0...255, using: &generator)
        }
    }

    /// A string made of `bytes` (invalid UTF-8 repaired, as the server's decoding does).
    public static func text(_ generator: inout SeededGenerator, maxLength: Int = 40) -> String {
        String(decoding: bytes(&generator, maxLength: maxLength), as: UTF8.self)
    }

    /// Text of letters, digits, punctuation, Chinese, RTL and emoji, for values that must round-trip.
    public static func word(_ generator: inout SeededGenerator, maxLength: Int = 20) -> String {
        let pieces = ["a", "Z", "7", " ", ",", "\"", "\n", "\r\n", "王", "芳", "ש", "ل", "😀", "é", ";", "'", "|", "."]
        let length = Int.random(in: 0...maxLength, using: &generator)
        return (0..<length).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
    }

    /// `text` with one random edit: a byte changed, dropped or inserted, or the text cut short.
    public static func mutate(_ text: String, _ generator: inout SeededGenerator) -> String {
        var bytes = Array(text.utf8)
        switch Int.random(in: 0..<4, using: &generator) {
        case 0 where !bytes.isEmpty: bytes[Int.random(in: 0..<bytes.count, using: &generator)] = interesting[Int.random(in: 0..<interesting.count, using: &generator)]
        case 1 where !bytes.isEmpty: bytes.remove(at: Int.random(in: 0..<bytes.count, using: &generator))
        case 2: bytes.insert(interesting[Int.random(in: 0..<interesting.count, using: &generator)], at: Int.random(in: 0...bytes.count, using: &generator))
        default: bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
