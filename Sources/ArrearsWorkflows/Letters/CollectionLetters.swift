import ArrearsCore
import Foundation

/// The templates of the strategy's `letter` treatments, `config/letters/<template>.<language>.txt`
/// in every language Arrears writes in, with the bank's details (`LetterBank`), each checked when
/// it is loaded so that no letter that breaks the rules can be made (docs/letters.md):
///
/// - every field is one a collection letter is filled with (`LetterTemplate.collectionLetterFields`);
/// - every letter names the customer and their address and states the amount with its currency
///   (`requiredFields`), whatever the pack;
/// - every item of the policy pack's letter-content rule is there (cn: name, balance, reason and
///   legal basis, rights and obligations, how to check and dispute, contact, the bank's seal).
///
/// A template that fails is a `ConfigError` naming the file, the template and what it lacks, and
/// `arrears run-day` and `arrears letters print` refuse to start.
public struct CollectionLetters: Sendable {
    /// The fields every collection letter carries, whatever the pack says.
    public static let requiredFields = ["name", "address", "amount", "currency"]

    /// Template name → the template in each language.
    public let templates: [String: [Language: LetterTemplate]]
    public let banks: [Language: LetterBank]

    public init(templates: [String: [Language: LetterTemplate]], banks: [Language: LetterBank]) {
        self.templates = templates
        self.banks = banks
    }

    /// The templates the strategy's `letter` treatments name, sorted.
    public static func templateNames(of strategy: Strategy) -> [String] {
        Set(strategy.treatments.filter { $0.channel == .letter }.compactMap(\.template)).sorted()
    }

    /// Reads and checks the templates `names` from `directory` (`config/letters`) against `pack`;
    /// with no names (a strategy without letters) nothing is read.
    public static func load(fromDirectory directory: String, names: [String], pack: PolicyPack) throws(ConfigError) -> CollectionLetters {
        guard !names.isEmpty else { return CollectionLetters(templates: [:], banks: [:]) }
        let banks = try LetterBank.load(fromDirectory: directory, languages: Language.allCases)
        var templates: [String: [Language: LetterTemplate]] = [:]
        for name in names {
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw ConfigError(file: directory, line: nil, message: "'\(name)' is not a letter template name (letters, digits, '_' and '-')")
            }
            var texts: [Language: String] = [:]
            for language in Language.allCases {
                let path = (directory as NSString).appendingPathComponent("\(name).\(language.rawValue).txt")
                guard FileManager.default.fileExists(atPath: path) else {
                    throw ConfigError(file: path, line: nil, message: "the letter template '\(name)' has no \(language.rawValue) text: this file is missing")
                }
                let text = try ConfigYAML.read(path)
                let template: LetterTemplate
                do { template = try LetterTemplate(text, fields: LetterTemplate.collectionLetterFields) } catch {
                    throw ConfigError(file: path, line: error.line, message: "letter template '\(name)': \(error.message)")
                }
                if let field = requiredFields.first(where: { !text.contains(LetterTemplate.placeholder($0)) }) {
                    throw ConfigError(file: path, line: nil, message: "the letter template '\(name)' (\(language.rawValue)) lacks \(LetterTemplate.placeholder(field)): every letter carries "
                                      + requiredFields.map(LetterTemplate.placeholder).joined(separator: ", "))
                }
                texts[language] = text
                templates[name, default: [:]][language] = template
            }
            for language in Language.allCases {
                guard let gaps = pack.letterGaps(in: [language: texts[language] ?? ""], placeholder: LetterTemplate.placeholder) else { continue }
                let path = (directory as NSString).appendingPathComponent("\(name).\(language.rawValue).txt")
                let items = gaps.missing.map { $0.hasPrefix("\(language.rawValue): ") ? String($0.dropFirst(language.rawValue.count + 2)) : $0 }
                throw ConfigError(file: path, line: nil, message: "the letter template '\(name)' (\(language.rawValue)) lacks \(items.joined(separator: ", ")), "
                                  + "which rule \(gaps.rule) of policy pack \(pack.id) requires; no letter is made from it until it is fixed")
            }
        }
        return CollectionLetters(templates: templates, banks: banks)
    }

    /// The letters of the strategy's `letter` treatments, from `configDirectory/letters`.
    public static func load(configDirectory: String, strategy: Strategy, pack: PolicyPack) throws(ConfigError) -> CollectionLetters {
        try load(fromDirectory: (configDirectory as NSString).appendingPathComponent("letters"), names: templateNames(of: strategy), pack: pack)
    }

    /// The text of letter `template` in `language`, filled with `values` and the bank's details;
    /// nil when there is no such template.
    public func render(_ template: String, language: Language, values: [String: String]) -> String? {
        guard let letter = templates[template]?[language], let bank = banks[language] else { return nil }
        return letter.render(bank.fields.merging(values) { $1 })
    }
}
