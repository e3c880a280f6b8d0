import ArrearsStore
import Foundation
import XCTest

/// The form of an ID or mobile number or e-mail address that is hashed for lookups: the ways people write one
/// number must hash equal, and the byte-level path for ASCII must give exactly what the Unicode
/// path gives (a stored hash made by one must be found by the other).
final class PersonalFieldNormalisingTests: XCTestCase {
    /// The rule as written: trimmed of white space and new lines, an ID number upper-cased, a
    /// mobile number without spaces and dashes, an e-mail address lower-cased.
    private func reference(_ field: PersonalField, _ value: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        switch field {
        case .idNumber: return trimmed.uppercased()
        case .mobile: return String(trimmed.unicodeScalars.filter { $0 != " " && $0 != "-" }.map(Character.init))
        case .email: return trimmed.lowercased()
        }
    }

    func testTheWaysOfWritingOneNumberNormaliseAlike() {
        XCTAssertEqual(PersonalField.idNumber.normalise(" 11010519491231002x\t"), "11010519491231002X")
        XCTAssertEqual(PersonalField.idNumber.normalise("11010519491231002X"), "11010519491231002X")
        XCTAssertEqual(PersonalField.mobile.normalise(" +86 138-0013-8000\r\n"), "+8613800138000")
        XCTAssertEqual(PersonalField.mobile.normalise("+8613800138000"), "+8613800138000")
        XCTAssertEqual(PersonalField.mobile.normalise(" \t\n"), "")
        XCTAssertEqual(PersonalField.email.normalise(" Wang.Fang@Example.CN\n"), "wang.fang@example.cn")
    }

    func testASCIIAndUnicodeTextNormaliseAsTheRuleSays() {
        let samples = ["", " ", "\u{0B}\u{0C}abc-def ghi\u{0B}", "a\u{1F}b", " x y-z ", "--", "- 1 -", "ab\u{7F}", "\tA1b2C3\n",
                       "１３８ ００１３", "\u{3000}13800138000\u{3000}", "ß12", "110105ı", "+86 138\u{00A0}0013 8000", "é-1 ", "\u{85}42\u{85}", " Wang.Fang@Example.CN ", "ÉLODIE@Exemple.FR"]
        for field in PersonalField.allCases {
            for sample in samples {
                XCTAssertEqual(field.normalise(sample), reference(field, sample), "\(field) of \(sample.debugDescription)")
            }
        }
    }
}
