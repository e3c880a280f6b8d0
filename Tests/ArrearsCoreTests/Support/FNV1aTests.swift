import ArrearsCore
import XCTest

final class FNV1aTests: XCTestCase {
    func testKnownVectors() {
        // The 64-bit FNV-1a test vectors of Fowler, Noll and Vo.
        XCTAssertEqual(FNV1a.hash64(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(FNV1a.hash64("a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(FNV1a.hash64("foobar"), 0x8594_4171_f739_67e8)
    }

    func testAddingInPartsIsHashingTheWhole() {
        var hash = FNV1a()
        hash.add("foo")
        for byte in "bar".utf8 { hash.add(byte) }
        XCTAssertEqual(hash.value, FNV1a.hash64("foobar"))
        XCTAssertEqual(FNV1a.hash64("名字"), { var h = FNV1a(); h.add("名"); h.add("字"); return h.value }())
    }

    func testAnotherBasisGivesAnotherHash() {
        var seeded = FNV1a(basis: FNV1a.offsetBasis ^ 1)
        seeded.add("foobar")
        XCTAssertNotEqual(seeded.value, FNV1a.hash64("foobar"))
    }
}
