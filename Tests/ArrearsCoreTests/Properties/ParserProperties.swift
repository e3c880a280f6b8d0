import ArrearsCore
import Foundation
import PropertyBased
import Testing

/// Properties of the parsers that read values from outside (docs/robustness.md): whatever the
/// text, they answer a value or an error and never trap; what they write, they read back.
/// Swift Testing, with `swift-property-based`; inputs that once failed are kept below as named
/// regression tests.
@Suite struct ParserProperties {
    /// Strings of arbitrary bytes (invalid UTF-8 repaired), digits, signs and separators.
    static let anyText = Gen<UInt8>.value(in: 0...255).array(of: 0...40).map { String(decoding: $0, as: UTF8.self) }
    static let numberLike = characters("0123456789.-+ e,").string(of: 0...30)
    static let dateLike = characters("0123456789-").string(of: 8...12)

    /// Characters drawn from `text`.
    static func characters(_ text: String) -> Generator<Character, Shrink.None<Character?>> {
        Gen<Character?>.element(of: Array(text)).map { $0 ?? " " }
    }

    @Test func anAmountFormattedReadsBackToTheSameMinorUnits() async {
        await propertyCheck(count: 500, input: Gen.int64(in: 0...DecimalAmount.maxMinorUnits), Gen<Int?>.element(of: [0, 2, 3]).map { $0 ?? 2 }) { minor, digits in
            #expect((try? DecimalAmount.parse(DecimalAmount.format(minor, minorDigits: digits), minorDigits: digits)) == minor)
        }
    }

    @Test func parsingAnyTextGivesAnAmountWithinTheLimitOrAnError() async {
        await propertyCheck(count: 1_000, input: Gen.oneOf(Self.anyText, Self.numberLike), Gen<Int?>.element(of: [0, 2, 3]).map { $0 ?? 2 }) { text, digits in
            if let minor = try? DecimalAmount.parse(text, minorDigits: digits) {
                #expect((0...DecimalAmount.maxMinorUnits).contains(minor))
            }
        }
    }

    @Test func everyDateInTheSupportedRangeReadsBack() async {
        let days = LocalDate.supportedRange.lowerBound.daysSinceEpoch...LocalDate.supportedRange.upperBound.daysSinceEpoch
        await propertyCheck(count: 1_000, input: Gen.int(in: days)) { day in
            let date = LocalDate(daysSinceEpoch: day)
            #expect((try? LocalDate.parse(date.description)) == date)
        }
    }

    @Test func everyDateOutsideTheSupportedRangeIsRefused() async {
        let early = LocalDate(iso: "0001-01-01")!.daysSinceEpoch...(LocalDate.supportedRange.lowerBound.daysSinceEpoch - 1)
        let late = (LocalDate.supportedRange.upperBound.daysSinceEpoch + 1)...LocalDate(iso: "9999-12-31")!.daysSinceEpoch
        await propertyCheck(count: 500, input: Gen.oneOf(Gen.int(in: early), Gen.int(in: late))) { day in
            let date = LocalDate(daysSinceEpoch: day)
            #expect(throws: DateError.outOfRange(date, allowed: LocalDate.supportedRange)) { try LocalDate.parse(date.description) }
        }
    }

    @Test func parsingAnyTextGivesADateThatWritesBackTheSameOrAnError() async {
        await propertyCheck(count: 1_000, input: Gen.oneOf(Self.anyText, Self.dateLike)) { text in
            if let date = try? LocalDate.parse(text) {
                #expect(date.description == text)
                #expect(LocalDate.supportedRange.contains(date))
            }
        }
    }

    @Test func addingAnyNumberOfMonthsOrDaysToAnyDateIsTotal() async {
        let days = LocalDate.computableDays
        await propertyCheck(count: 1_000, input: Gen.int(in: days), Gen.int(), Gen.int()) { day, months, extra in
            let date = LocalDate(daysSinceEpoch: day)
            let moved = date.adding(months: months).adding(days: extra)
            #expect(days.contains(moved.daysSinceEpoch))
            _ = moved.description
        }
    }

    @Test func addingMonthsKeepsTheDayOrTheMonthsLastDay() async {
        let days = LocalDate.supportedRange.lowerBound.daysSinceEpoch...LocalDate.supportedRange.upperBound.daysSinceEpoch
        await propertyCheck(count: 1_000, input: Gen.int(in: days), Gen.int(in: -1_200...1_200)) { day, months in
            let date = LocalDate(daysSinceEpoch: day)
            let (year, month, dayOfMonth) = date.components
            let moved = date.adding(months: months).components
            #expect(moved.year * 12 + moved.month == year * 12 + month + months)
            #expect(moved.day == min(dayOfMonth, LocalDate.daysIn(month: moved.month, year: moved.year)))
        }
    }

    @Test func aTimestampWrittenReadsBackToTheSameSecond() async {
        let from = Double(LocalDate.supportedRange.lowerBound.daysSinceEpoch) * 86_400
        let to = Double(LocalDate.supportedRange.upperBound.daysSinceEpoch + 1) * 86_400 - 1
        await propertyCheck(count: 500, input: Gen.double(in: from...to)) { seconds in
            let instant = Date(timeIntervalSince1970: seconds.rounded(.down))
            #expect(UTCTimestamp.instant(UTCTimestamp.text(instant)) == instant)
        }
    }

    @Test func readingAnyTextAsATimestampGivesAnInstantInRangeOrNothing() async {
        let stamps = Self.characters("0123456789-:TZ+.").string(of: 15...30)
        await propertyCheck(count: 1_000, input: Gen.oneOf(Self.anyText, stamps)) { text in
            if let instant = UTCTimestamp.instant(text) {
                #expect(LocalDate.supportedRange.contains(LocalDate(utcDayOf: instant)))
            }
        }
    }

    @Test func writingAnyInstantKeepsTheTimestampsShape() async {
        await propertyCheck(count: 500, input: Gen.double(in: -1e300...1e300)) { seconds in
            #expect(UTCTimestamp.text(Date(timeIntervalSince1970: seconds)).utf8.count == 20)
        }
    }

    // Regression tests: inputs that trapped or misread before the bounds.

    @Test func aPlanStartingIn9999DoesNotTrap() {
        #expect(LocalDate(iso: "9999-12-31")!.adding(months: 59).description == "10004-11-30")
        #expect(throws: ArrangementError.self) {
            try InstalmentPlan.make(total: 100, count: 60, firstDate: LocalDate(iso: "9999-12-31")!, today: LocalDate(iso: "2026-12-07")!)
        }
    }

    @Test func anAmountLongerThanAnyLimitIsTooLargeNotATrap() throws {
        #expect(throws: AmountError.tooLarge("99999999999999999999.99")) { try DecimalAmount.parse("99999999999999999999.99", minorDigits: 2) }
        #expect(throws: AmountError.tooLarge("100000000000.01")) { try DecimalAmount.parse("100000000000.01", minorDigits: 2) }
        #expect(try DecimalAmount.parse("100000000000.00", minorDigits: 2) == DecimalAmount.maxMinorUnits)
    }
}

/// The signed-link verifier refuses every link it did not sign, as it was signed: random,
/// truncated and mutated links are refused, never trap, and never name a customer.
@Suite struct LinkSignerProperties {
    static let signer = LinkSigner(key: DataKey.generate())
    static let now = Date(timeIntervalSince1970: 1_796_529_600)
    static let subjects = Gen.letterOrNumber.string(of: 1...40)

    private func link(_ subject: String) -> String {
        Self.signer.sign(purpose: "self_service", subject: subject, expiresAt: Self.now.addingTimeInterval(86_400))
    }

    @Test func aLinkItSignedNamesItsSubject() async {
        await propertyCheck(count: 300, input: Self.subjects) { subject in
            #expect((try? Self.signer.verify(link(subject), purpose: "self_service", at: Self.now)) == subject)
        }
    }

    @Test func aTruncatedLinkIsRefused() async {
        await propertyCheck(count: 300, input: Self.subjects, Gen.double(in: 0...1)) { subject, share in
            let token = link(subject)
            let kept = Int(Double(token.count - 1) * share)
            #expect(throws: LinkSigner.Failure.self) { try Self.signer.verify(String(token.prefix(kept)), purpose: "self_service", at: Self.now) }
        }
    }

    @Test func aLinkWithAnyCharacterChangedIsRefused() async {
        let replacements = ParserProperties.characters("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.|=+/ é")
        await propertyCheck(count: 500, input: Self.subjects, Gen.double(in: 0...1), replacements) { subject, share, replacement in
            var characters = Array(link(subject))
            let index = min(characters.count - 1, Int(Double(characters.count) * share))
            guard characters[index] != replacement else { return }
            characters[index] = replacement
            #expect(throws: LinkSigner.Failure.self) { try Self.signer.verify(String(characters), purpose: "self_service", at: Self.now) }
        }
    }

    @Test func anyTextIsRefused() async {
        let tokenLike = ParserProperties.characters("ABCDEFabcdef0123456789-_.").string(of: 0...120)
        await propertyCheck(count: 500, input: Gen.oneOf(ParserProperties.anyText, tokenLike)) { text in
            #expect(throws: LinkSigner.Failure.self) { try Self.signer.verify(text, purpose: "self_service", at: Self.now) }
        }
    }

    /// Found by `aLinkWithAnyCharacterChangedIsRefused`: base64's last character carries unused
    /// bits, and a link with them changed still verified.
    @Test func aLinkWhoseLastCharacterDiffersOnlyInUnusedBitsIsRefused() {
        let token = link("C1")
        let last = token.last!
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let index = alphabet.firstIndex(of: last)!
        let sibling = alphabet[index ^ 1]
        #expect(throws: LinkSigner.Failure.malformed) { try Self.signer.verify(String(token.dropLast()) + String(sibling), purpose: "self_service", at: Self.now) }
    }
}
