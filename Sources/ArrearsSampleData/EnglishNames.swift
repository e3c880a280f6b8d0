/// English personal names as held by Hong Kong, Singapore, British and American customers:
/// a first name and a family name, Cantonese and Hokkien romanisations among them.
enum EnglishNames {
    static let firstNames = [
        "James", "John", "Michael", "David", "William", "Robert", "Thomas", "Daniel", "Matthew",
        "Andrew", "Peter", "Kevin", "Jason", "Eric", "Alan", "Raymond", "Vincent", "Kenneth",
        "Mary", "Jennifer", "Emily", "Sarah", "Jessica", "Emma", "Olivia", "Sophie", "Grace",
        "Rachel", "Michelle", "Karen", "Catherine", "Helen", "Amy", "Charlotte", "Chloe", "Winnie",
    ].map { Array($0.utf8) }

    static let familyNames = [
        "Chan", "Wong", "Lee", "Cheung", "Lau", "Ng", "Tan", "Lim", "Ho", "Leung", "Yeung", "Goh",
        "Smith", "Jones", "Brown", "Taylor", "Wilson", "Johnson", "Williams", "Davies", "Evans",
        "Miller", "O'Brien", "Murphy", "Patel", "Kumar", "Nakamura", "Sato",
    ].map { Array($0.utf8) }

    /// A full name such as `Emily Tan`, and `emily.tan` for its e-mail address.
    static func draw(using random: inout SampleRandom) -> NamePart {
        let first = random.pick(firstNames), family = random.pick(familyNames)
        let written = first + [UInt8(ascii: " ")] + family
        let latin = (first + [UInt8(ascii: ".")] + family)
            .filter { $0 != UInt8(ascii: "'") }
            .map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
        return NamePart(written: written, latin: latin)
    }
}
