import ArrearsCore

/// One generated customer: the fields of its `customers.csv` row as UTF-8 bytes, and what its
/// accounts depend on (rating, where it lives, whether it runs a business).
///
/// About 85% are mainland Chinese customers writing in zh-CN; the rest have English names and
/// write in en, most living in Hong Kong, Singapore, London or New York and some in the
/// mainland. Every row passes `CustomerRecord`'s validation.
struct SampleCustomer {
    let number: Int
    let name: [UInt8]
    /// A resident identity number or, for English-speaking customers, a passport number; empty
    /// for a few customers.
    let idNumber: [UInt8]
    let mobile: [UInt8]
    let email: [UInt8]
    let address: [UInt8]
    let region: [UInt8]
    /// Empty for some mainland customers, who then get the importer's default, Asia/Shanghai.
    let timeZone: [UInt8]
    let language: Language
    let rating: CreditRating
    /// Where an English-speaking customer lives abroad; `nil` for everyone living in the mainland.
    let overseas: OverseasLocation?
    /// Runs a business, and so may hold corporate loans.
    let ownsBusiness: Bool

    /// Every this many customers one lives in Tokyo, so that any portfolio of 1,000 customers or
    /// more holds accounts in yen, a currency without minor units.
    static let tokyoEvery = 500

    private static let ratings = WeightedTable<CreditRating>([(.a, 20), (.b, 30), (.c, 25), (.d, 15), (.e, 10)])

    private static let shanghai = Array(CustomerRecord.defaultTimeZone.utf8)
    private static let chineseMailDomains = ["163.com", "126.com", "sina.com", "foxmail.com", "139.com", "outlook.com"].map { Array($0.utf8) }
    private static let englishMailDomains = ["gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com"].map { Array($0.utf8) }

    init(number: Int, asOf: LocalDate, random: inout SampleRandom) {
        let speaksEnglish = number % Self.tokyoEvery == 0 || random.chance(perMille: 150)
        let overseas: OverseasLocation? = number % Self.tokyoEvery == 0
            ? .tokyo
            : speaksEnglish && random.chance(perMille: 800) ? OverseasLocation.everyday.draw(using: &random) : nil
        let home = ChineseRegions.drawHome(using: &random)
        let person = speaksEnglish ? EnglishNames.draw(using: &random) : ChineseNames.draw(using: &random)
        let birthDate = asOf.adding(days: -random.int(in: (22 * 365)...(65 * 365)))

        self.number = number
        name = person.written
        language = speaksEnglish ? .en : .zhCN
        rating = Self.ratings.draw(using: &random)
        self.overseas = overseas
        ownsBusiness = !speaksEnglish && random.chance(perMille: 85)
        region = overseas?.region ?? home.region.name

        if random.chance(perMille: 30) {
            idNumber = []
        } else if speaksEnglish {
            var passport = [UInt8(ascii: "E") + UInt8(random.below(6))]
            passport.appendDecimal(random.below(100_000_000), width: 8)
            idNumber = passport
        } else {
            idNumber = ResidentIdentityNumber.make(districtCode: home.district.code, birthDate: birthDate, sequence: random.below(1000))
        }

        if random.chance(perMille: 20) {
            mobile = []
        } else if let overseas {
            mobile = overseas.mobile(using: &random)
        } else {
            var number: [UInt8] = [UInt8(ascii: "1")]
            number.appendDecimal(random.int(in: 3...9))
            number.appendDecimal(random.below(1_000_000_000), width: 9)
            mobile = number
        }

        if random.chance(perMille: 150) {
            email = []
        } else if !speaksEnglish, random.chance(perMille: 250) {
            var qq: [UInt8] = []
            qq.appendDecimal(random.int(in: 10_000...3_999_999_999))
            qq.appendText("@qq.com")
            email = qq
        } else {
            var mail = person.latin
            if random.chance(perMille: 600) { mail.appendDecimal(birthDate.components.year % 100, width: 2) }
            mail.append(UInt8(ascii: "@"))
            mail += random.pick(speaksEnglish ? Self.englishMailDomains : Self.chineseMailDomains)
            email = mail
        }

        if random.chance(perMille: 30) {
            address = []
        } else if let overseas {
            address = overseas.address(using: &random)
        } else {
            address = ChineseRegions.address(in: home, using: &random)
        }

        if let overseas {
            timeZone = overseas.timeZone
        } else {
            timeZone = random.chance(perMille: 300) ? [] : Self.shanghai
        }
    }
}
